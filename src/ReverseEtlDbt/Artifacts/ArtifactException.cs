namespace ReverseEtlDbt.Artifacts;

/// <summary>A dbt artifact that cannot be read: missing, not JSON, or not the artifact it claims to be.</summary>
public sealed class ArtifactException(string message, Exception? inner = null) : Exception(message, inner);
