namespace ReverseEtlDbt.Definitions;

/// <summary>A configuration problem found while running (e.g. an env var a connection needs is unset).</summary>
public sealed class ConfigException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
