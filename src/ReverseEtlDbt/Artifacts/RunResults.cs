namespace ReverseEtlDbt.Artifacts;

/// <summary>dbt's <c>target/run_results.json</c>: what the last invocation ran and how each node ended.</summary>
public sealed record RunResults(
    string Path,
    string SchemaVersion,
    string? DbtVersion,
    string? InvocationId,
    DateTimeOffset? GeneratedAt,
    string? Command,
    IReadOnlyList<RunResult> Results);

/// <summary>
/// One node's outcome. <see cref="Status"/> is dbt's string: <c>success</c>, <c>error</c>, <c>skipped</c>
/// for models; <c>pass</c>, <c>fail</c>, <c>warn</c>, <c>error</c>, <c>skipped</c> for tests.
/// </summary>
public sealed record RunResult(
    string UniqueId,
    string Status,
    double ExecutionTime,
    string? Message,
    long? Failures,
    string? RelationName);
