using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Dbt;

/// <summary>
/// Decides, from the manifest and run_results.json that one <c>dbt build</c> wrote, which synced models that
/// invocation built and tested cleanly. Pure: no files, no clock.
/// </summary>
/// <remarks>
/// Results count only when run_results.json carries the manifest's invocation id; a model with no result in it was
/// not built in this run. A built model passes when each of its tests (data and unit tests, <see cref="DbtManifest.TestsOf"/>)
/// that ran ended <c>pass</c>, <c>success</c> or <c>warn</c> (dbt treats a warning as passing). <c>fail</c> and
/// <c>error</c> block; so does <c>skipped</c> for a test attached to the model itself (an unchecked model is not a
/// checked one), but not a skipped relationships test attached to another model that failed for its own reasons.
/// </remarks>
public static class BuildSelection
{
    private static readonly HashSet<string> PassingTestStatuses = new(StringComparer.OrdinalIgnoreCase) { "pass", "success", "warn" };

    /// <summary>True when <paramref name="results"/> were written by the invocation that wrote <paramref name="manifest"/>.</summary>
    public static bool IsFrom(RunResults results, DbtManifest manifest) =>
        results.InvocationId is not null && results.InvocationId == manifest.Metadata.InvocationId;

    /// <summary>True when the invocation built or passed at least one node (anything but <c>error</c> and <c>skipped</c>).</summary>
    public static bool BuiltAnything(RunResults results) =>
        results.Results.Any(r => !string.Equals(r.Status, "error", StringComparison.OrdinalIgnoreCase)
            && !IsSkipped(r.Status));

    /// <summary>The verdict on each of <paramref name="modelUniqueIds"/>, keyed by unique id.</summary>
    public static IReadOnlyDictionary<string, ModelBuildVerdict> Judge(DbtManifest manifest, RunResults? results, IEnumerable<string> modelUniqueIds) =>
        modelUniqueIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => Judge(manifest, results, id), StringComparer.Ordinal);

    public static ModelBuildVerdict Judge(DbtManifest manifest, RunResults? results, string modelUniqueId)
    {
        if (results is null)
            return Verdict(modelUniqueId, ModelBuildState.NotBuilt, $"{modelUniqueId} was not built in this dbt run: dbt wrote no run_results.json");
        if (!IsFrom(results, manifest))
            return Verdict(modelUniqueId, ModelBuildState.NotBuilt,
                $"{modelUniqueId} was not built in this dbt run: run_results.json is from invocation {results.InvocationId ?? "(none)"}, the manifest from {manifest.Metadata.InvocationId ?? "(none)"}");

        var byId = results.Results.GroupBy(r => r.UniqueId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        if (!byId.TryGetValue(modelUniqueId, out var model))
            return Verdict(modelUniqueId, ModelBuildState.NotBuilt, $"{modelUniqueId} was not built in this dbt run (not selected)");
        var blocking = manifest.TestsOf(modelUniqueId)
            .Select(test => (test, result: byId.GetValueOrDefault(test.UniqueId)))
            .Where(t => t.result is not null && Blocks(t.test, t.result, modelUniqueId))
            .Select(t => new BlockingTest(t.test.UniqueId, t.result!.Status))
            .ToList();
        var built = string.Equals(model.Status, "success", StringComparison.OrdinalIgnoreCase);
        // A failing unit test runs before its model and makes dbt skip it: that is a test failure, named as such.
        if (!built) blocking = blocking.Where(t => !IsSkipped(t.Status)).ToList();
        if (!built && blocking.Count == 0)
            return Verdict(modelUniqueId, ModelBuildState.Failed,
                $"dbt reported {modelUniqueId} as '{model.Status}' in this run" + (string.IsNullOrWhiteSpace(model.Message) ? "" : $": {model.Message.Trim()}"));
        if (blocking.Count == 0)
            return Verdict(modelUniqueId, ModelBuildState.Passed, $"{modelUniqueId} was built and its tests passed");
        return new ModelBuildVerdict(modelUniqueId, ModelBuildState.TestsFailed,
            $"tests of {modelUniqueId} did not pass: " + string.Join(", ", blocking.Select(t => $"{t.UniqueId} ({t.Status})")), blocking);
    }

    private static bool Blocks(ManifestNode test, RunResult result, string modelUniqueId)
    {
        if (PassingTestStatuses.Contains(result.Status)) return false;
        if (!IsSkipped(result.Status)) return true;
        var attached = test.Test?.AttachedNode;
        return attached is null || attached == modelUniqueId;
    }

    private static bool IsSkipped(string status) => string.Equals(status, "skipped", StringComparison.OrdinalIgnoreCase);

    private static ModelBuildVerdict Verdict(string id, ModelBuildState state, string reason) => new(id, state, reason, []);
}
