namespace ReverseEtlDbt.State;

/// <summary>A row the destination refused. <see cref="Sample"/> must already be masked (no PII, no secrets).</summary>
public sealed record RejectedRow(string PrimaryKey, string Reason, string? Sample);
