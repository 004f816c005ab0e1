namespace ReverseEtlDbt.Dbt;

/// <summary>What one <c>dbt build</c> did to a synced model, as far as syncing it is concerned.</summary>
public enum ModelBuildState
{
    /// <summary>Built in this invocation and every test of it that ran passed (or only warned): safe to sync.</summary>
    Passed,
    /// <summary>Not part of this invocation (not selected, or the results are from another run): nothing new to sync.</summary>
    NotBuilt,
    /// <summary>Part of this invocation but not built: the model errored, or was skipped because something upstream failed.</summary>
    Failed,
    /// <summary>Built, but a test of it failed, errored or was skipped.</summary>
    TestsFailed,
}

/// <summary>A test that keeps a model from being synced, with dbt's status for it (<c>fail</c>, <c>error</c>, <c>skipped</c>).</summary>
public sealed record BlockingTest(string UniqueId, string Status);

/// <summary>The verdict on one model; <see cref="Reason"/> says why in a sentence fit for sync_results.json.</summary>
public sealed record ModelBuildVerdict(string ModelUniqueId, ModelBuildState State, string Reason, IReadOnlyList<BlockingTest> BlockingTests)
{
    public bool CanSync => State == ModelBuildState.Passed;

    /// <summary>True when dbt failed the model or its tests in this run: <c>retl build</c> then exits 1.</summary>
    public bool IsFailure => State is ModelBuildState.Failed or ModelBuildState.TestsFailed;
}
