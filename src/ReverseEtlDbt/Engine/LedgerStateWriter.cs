using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// Every ledger call of one sync run, in one place: takes the sync's lock and opens the run, writes each answered
/// batch (<see cref="ISyncStateWriter"/>), closes the run with its status and counts, and releases the lock.
/// </summary>
internal sealed class LedgerStateWriter : ISyncStateWriter, IAsyncDisposable
{
    private readonly StateLedger ledger;
    private readonly SyncLock syncLock;
    private readonly string syncId;
    private readonly string runId;

    private LedgerStateWriter(StateLedger ledger, SyncLock syncLock, string syncId, string runId)
    {
        this.ledger = ledger;
        this.syncLock = syncLock;
        this.syncId = syncId;
        this.runId = runId;
    }

    /// <summary>Takes the sync's lock (or throws <see cref="SyncLockedException"/>) and records the start of a run.</summary>
    public static async Task<LedgerStateWriter> OpenAsync(IWarehouse writing, string syncId, SyncEnvironment environment, CancellationToken cancellationToken)
    {
        var options = environment.Options;
        var ledger = new StateLedger(writing, options.StateSchema, environment.Time);
        var syncLock = await SyncLock.AcquireAsync(writing, syncId, options.LockHolder, cancellationToken, options.StateSchema, environment.Time);
        try
        {
            return new LedgerStateWriter(ledger, syncLock, syncId, await ledger.StartRunAsync(syncId, environment.Command, cancellationToken));
        }
        catch
        {
            await syncLock.DisposeAsync();
            throw;
        }
    }

    public Task CommitAsync(IReadOnlyList<AcknowledgedRow> rows) => ledger.CommitAsync(syncId, rows, CancellationToken.None);

    public Task RecordRejectedAsync(IReadOnlyList<RejectedRow> rows) => ledger.RecordRejectedAsync(syncId, rows, CancellationToken.None);

    /// <remarks>A DuckDB lease lapses after a fixed time; a no-op on PostgreSQL, where the session holds the lock.</remarks>
    public Task RenewLockAsync() => syncLock.RenewAsync(CancellationToken.None);

    /// <summary>Closes the run with how the sync ended; never cancelled, so an interrupted run is still recorded.</summary>
    public Task FinishAsync(SyncStatus status, SyncCounts counts) =>
        ledger.FinishRunAsync(runId, status switch
        {
            SyncStatus.Success => RunStatus.Success,
            SyncStatus.Partial => RunStatus.Partial,
            _ => RunStatus.Error,
        }, new RunCounts(counts.Added, counts.Changed, counts.Removed, counts.Rejected, counts.Failed, counts.Requests), CancellationToken.None);

    public ValueTask DisposeAsync() => syncLock.DisposeAsync();
}
