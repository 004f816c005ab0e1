namespace ReverseEtlDbt.Engine;

/// <summary>
/// How the errors and counts of a sync become its <see cref="SyncStatus"/>, decided here only: an error that stopped
/// the sync (or kept it from starting) makes it <c>error</c>; anything else not delivered (rejected or failed rows,
/// rows left unsent by an interrupt) makes it <c>partial</c>; otherwise it is a <c>success</c>.
/// </summary>
public static class SyncStatusPolicy
{
    private static readonly HashSet<string> Stopping =
    [
        SyncErrorCodes.AuthFailed, SyncErrorCodes.DestinationError, SyncErrorCodes.ContractMismatch,
        SyncErrorCodes.SyncLocked, SyncErrorCodes.ConfigError, SyncErrorCodes.WarehouseError,
    ];

    public static SyncStatus Of(IReadOnlyList<SyncError> errors, SyncCounts counts) =>
        errors.Any(e => Stopping.Contains(e.Code)) ? SyncStatus.Error
        : errors.Count > 0 || counts.Rejected > 0 || counts.Failed > 0 ? SyncStatus.Partial
        : SyncStatus.Success;
}
