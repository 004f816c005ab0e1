namespace ReverseEtlDbt.State;

/// <summary>One line of <c>retl state show</c>. Times are UTC.</summary>
/// <param name="Mapping">The mapping the sync's state was written under (<c>sync_config</c>), null before a run recorded one.</param>
public sealed record SyncStateSummary(
    string SyncId,
    long RowsInState,
    long RejectedRows,
    StoredMapping? Mapping,
    DateTime? LastRunStartedAt,
    DateTime? LastRunEndedAt,
    RunStatus? LastRunStatus,
    RunCounts? LastRunCounts = null);
