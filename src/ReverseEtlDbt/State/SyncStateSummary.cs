namespace ReverseEtlDbt.State;

/// <summary>One line of <c>retl state show</c>. Times are UTC.</summary>
public sealed record SyncStateSummary(
    string SyncId,
    long RowsInState,
    long RejectedRows,
    string? ConfigFingerprint,
    DateTime? LastRunStartedAt,
    DateTime? LastRunEndedAt,
    RunStatus? LastRunStatus,
    RunCounts? LastRunCounts = null);
