namespace ReverseEtlDbt.Engine;

/// <summary>
/// The stable codes of <see cref="SyncError"/> the engine writes (<c>sync_results.json</c>, logs). Kept in one place
/// because scripts match on them and <see cref="SyncStatusPolicy"/> decides a sync's status from them.
/// </summary>
public static class SyncErrorCodes
{
    /// <summary>The connection refused its credentials; every sync on it stops.</summary>
    public const string AuthFailed = "auth_failed";

    /// <summary>The destination failed a batch after its retries (or in a way retrying cannot help).</summary>
    public const string DestinationError = "destination_error";

    /// <summary>The destination answered and refused some rows; they are retried next run.</summary>
    public const string RowsRejected = "rows_rejected";

    /// <summary>Model rows with a null or duplicated primary key, kept out of the sync.</summary>
    public const string InvalidPrimaryKey = "invalid_primary_key";

    /// <summary>The run was stopped on request, before or during this sync.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>The model no longer matches the columns and types the sync declares.</summary>
    public const string ContractMismatch = "contract_mismatch";

    /// <summary>Another runner holds the sync's lock.</summary>
    public const string SyncLocked = "sync_locked";

    /// <summary>The sync's configuration or connection could not be used.</summary>
    public const string ConfigError = "config_error";

    /// <summary>The warehouse failed (connection lost, conflict).</summary>
    public const string WarehouseError = "warehouse_error";
}
