using System.Text.Json.Nodes;

namespace DbtStandIn.Build;

/// <summary>One entry of run_results.json: what happened to a seed, model or test in this invocation.</summary>
public sealed record NodeResult
{
    public required string UniqueId { get; init; }
    /// <summary>dbt's statuses: <c>success</c>, <c>error</c>, <c>skipped</c> for seeds and models; <c>pass</c>, <c>fail</c>, <c>error</c>, <c>skipped</c> for tests.</summary>
    public required string Status { get; init; }
    public string? Message { get; init; }
    public int? Failures { get; init; }
    public JsonObject AdapterResponse { get; init; } = [];
    public string? CompiledCode { get; init; }
    public bool? Compiled { get; init; }
    public string? RelationName { get; init; }
    public DateTimeOffset CompileStarted { get; init; }
    public DateTimeOffset CompileCompleted { get; init; }
    public DateTimeOffset ExecuteCompleted { get; init; }
    public double ExecutionTime { get; init; }

    public bool IsFailure => Status is "error" or "fail";
}
