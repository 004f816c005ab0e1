using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Dbt;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Engine.Preparation;

/// <summary>
/// <c>retl build</c>'s narrowing of a prepared run: only the syncs of models the dbt invocation built and tested
/// cleanly run; the others end <c>skipped</c> with why (<c>not_built</c>, <c>model_failed</c>, <c>tests_failed</c>).
/// </summary>
public static class BuiltModels
{
    public static (PreparedRun Run, IReadOnlyList<SyncOutcome> Skipped) Apply(PreparedRun prepared, DbtManifest manifest, RunResults? results)
    {
        var verdicts = BuildSelection.Judge(manifest, results, prepared.Runnable.Select(p => p.Sync.ModelUniqueId));
        var skipped = prepared.Runnable.Where(p => !verdicts[p.Sync.ModelUniqueId].CanSync)
            .Select(p => Skipped(p.Sync, verdicts[p.Sync.ModelUniqueId]))
            .ToList();
        return (prepared with { Runnable = prepared.Runnable.Where(p => verdicts[p.Sync.ModelUniqueId].CanSync).ToList() }, skipped);
    }

    private static SyncOutcome Skipped(Definitions.DestinationSync sync, ModelBuildVerdict verdict) => new()
    {
        Sync = sync,
        Errors = [new SyncError(verdict.State switch
        {
            ModelBuildState.TestsFailed => OutcomeCode.TestsFailed,
            ModelBuildState.Failed => OutcomeCode.ModelFailed,
            _ => OutcomeCode.NotBuilt,
        }, verdict.Reason)],
    };
}
