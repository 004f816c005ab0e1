namespace ReverseEtlDbt.Engine.Outcomes;

/// <summary>
/// Every way a selected sync (or a check) can end other than cleanly. Each code carries, in <see cref="OutcomeTable"/>,
/// its stable name in <c>sync_results.json</c>, the status it gives its sync and the exit class it gives the command,
/// so <c>plan</c>, <c>sync</c>, <c>build</c> and <c>check</c> decide their exit code from one place (DESIGN §4).
/// </summary>
public enum OutcomeCode
{
    /// <summary>The run could not start: dbt's artifacts are missing or unreadable.</summary>
    ArtifactError,
    /// <summary>The run could not start: the node selection (<c>--select</c>, <c>--selector</c>) cannot be read.</summary>
    SelectionError,
    /// <summary>A static check (contract, keys, PII, connection, mode) refuses the sync: nothing ran.</summary>
    CheckFailed,
    /// <summary>A config value could not be read or rendered (an unset env var, a malformed value).</summary>
    ConfigError,
    /// <summary>The relation's columns or types differ from the contract: stopped before any request.</summary>
    ContractMismatch,
    /// <summary>The warehouse failed (unreachable, a statement refused). Acknowledged batches stay committed.</summary>
    WarehouseError,
    /// <summary>Another runner holds the sync's lock.</summary>
    SyncLocked,
    /// <summary>The destination refused the connection's credentials: every sync on it stops.</summary>
    AuthFailed,
    /// <summary>A request failed for good (after its retries) or the destination refused it as a whole.</summary>
    DestinationError,
    /// <summary>The destination refused some rows; they are retried next run.</summary>
    RowsRejected,
    /// <summary>Some rows got no answer; they are sent again next run.</summary>
    RowsFailed,
    /// <summary>Model rows with a null or duplicated primary key, kept out of the sync.</summary>
    InvalidPrimaryKey,
    /// <summary>The run was stopped on request: acknowledged rows are committed, the rest goes next run.</summary>
    Interrupted,
    /// <summary>Stopped before it started because the run was stopped.</summary>
    NotStarted,
    /// <summary>An unexpected failure (a bug, a value nothing foresaw) ended the sync; the run went on.</summary>
    InternalError,
    /// <summary><c>retl build</c>: dbt did not build the model in this invocation (not selected).</summary>
    NotBuilt,
    /// <summary><c>retl build</c>: dbt failed to build the model (or skipped it after an upstream failure).</summary>
    ModelFailed,
    /// <summary><c>retl build</c>: a test of the model failed, errored or was skipped.</summary>
    TestsFailed,
    /// <summary><c>retl build</c>: dbt itself failed or was interrupted, so nothing was synced.</summary>
    DbtFailed,
}
