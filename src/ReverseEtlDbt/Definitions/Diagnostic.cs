namespace ReverseEtlDbt.Definitions;

/// <summary>
/// A problem in what the user wrote (YAML, connections, contract), reported like a compiler error:
/// collected, never thrown, each naming where it is.
/// </summary>
public sealed record Diagnostic
{
    /// <summary>Stable machine code, e.g. <c>unknown_key</c>, <c>pii_not_allowed</c>.</summary>
    public required string Code { get; init; }
    public required string Message { get; init; }
    public DiagnosticSeverity Severity { get; init; } = DiagnosticSeverity.Error;
    /// <summary>File relative to the project dir (YAML for meta.sync, the connections file, …).</summary>
    public string? File { get; init; }
    /// <summary>1-based line in <see cref="File"/> when it could be found.</summary>
    public int? Line { get; init; }
    public string? Model { get; init; }
    public string? SyncId { get; init; }
    /// <summary>The connection a problem is about, so only the syncs using it are refused.</summary>
    public string? Connection { get; init; }
    /// <summary>Dotted key path inside the model's YAML, e.g. <c>config.meta.sync.destinations[0].mode</c>.</summary>
    public string? KeyPath { get; init; }
    /// <summary>How to fix it (a "did you mean" or the rule to follow).</summary>
    public string? Hint { get; init; }
}

public enum DiagnosticSeverity
{
    Error,
    Warning,
}
