namespace DbtStandIn.Build;

/// <summary>Everything a build produced: results in execution order and the SQL compiled for each node.</summary>
public sealed record BuildOutcome(IReadOnlyList<NodeResult> Results, IReadOnlyDictionary<string, string> CompiledCode, double ElapsedTime)
{
    public bool HasFailures => Results.Any(r => r.IsFailure);
}
