using ReverseEtlDbt.State;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// Every ledger call of one sync run, in one place: takes the sync's lock and opens the run, writes each answered
/// group of batches (<see cref="ISyncStateWriter"/>), closes the run with its status and counts, and releases the lock.
/// </summary>
internal sealed class LedgerStateWriter : ISyncStateWriter, IAsyncDisposable
{
    private readonly StateLedger ledger;
    private readonly SyncLock syncLock;
    private readonly DestinationSync sync;
    private readonly string runId;
    private bool rejectedWaiting = true;

    private LedgerStateWriter(
        StateLedger ledger, SyncLock syncLock, DestinationSync sync, string runId, RowFingerprintFormat fingerprints, StoredMapping? replaced)
    {
        this.ledger = ledger;
        this.syncLock = syncLock;
        this.sync = sync;
        this.runId = runId;
        Fingerprints = fingerprints;
        Replaced = replaced;
    }

    private string SyncId => sync.Id;

    /// <summary>
    /// The format of the row fingerprints this run computes and stores: the one of the sync's state, read under its
    /// lock (<see cref="StoredMapping.FormatFor"/>).
    /// </summary>
    public RowFingerprintFormat Fingerprints { get; }

    /// <summary>The mapping the sync's state was written under, when this run replaced it (null when unchanged or none was stored).</summary>
    public StoredMapping? Replaced { get; }

    /// <summary>
    /// Takes the sync's lock (or throws <see cref="SyncLockedException"/>), records the start of a run, and reads the
    /// sync's stored mapping: when the mapping changed (or none is stored), records the new one before anything is
    /// sent, clearing the stored fingerprints where they do not carry the mapping (<see cref="StoredMapping.FingerprintsStale"/>).
    /// A no-change run reads one row here and writes nothing.
    /// </summary>
    public static async Task<LedgerStateWriter> OpenAsync(
        IWarehouse writing, LedgerSchema schema, DestinationSync sync, SyncEnvironment environment, CancellationToken cancellationToken)
    {
        var ledger = new StateLedger(writing, schema, environment.Time);
        var syncLock = await SyncLock.AcquireAsync(writing, schema, sync.Id, environment.Options.LockHolder, environment.Time, cancellationToken);
        try
        {
            var runId = await ledger.StartRunAsync(sync.Id, environment.Command, cancellationToken);
            var config = ConfigFingerprint.Compute(sync);
            var stored = await new StateLedgerView(writing, schema).ReadMappingAsync(sync.Id, cancellationToken);
            var fingerprints = StoredMapping.FormatFor(stored, config);
            var recorded = stored?.ConfigFingerprint == config;
            if (!recorded)
                await ledger.RecordMappingAsync(sync.Id, config, fingerprints, StoredMapping.FingerprintsStale(stored, config), cancellationToken);
            return new LedgerStateWriter(ledger, syncLock, sync, runId, fingerprints, replaced: recorded ? null : stored);
        }
        catch
        {
            await syncLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Writes one group of acknowledged rows (<see cref="GroupedStateWriter"/>). An acknowledged key must leave
    /// <c>rejected_rows</c>; once a commit has found no row of the sync waiting there (none from earlier runs, none
    /// refused in this one), later groups skip that delete, so a group costs one statement. Commits come one at a time.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<AcknowledgedRow> rows)
    {
        await ledger.CommitAsync(SyncId, rows, CancellationToken.None, clearRejected: rejectedWaiting);
        if (rejectedWaiting && rows.Count > 0) rejectedWaiting = await ledger.HasRejectedAsync(SyncId, CancellationToken.None);
    }

    public async Task RecordRejectedAsync(IReadOnlyList<RejectedRow> rows)
    {
        await ledger.RecordRejectedAsync(SyncId, rows, CancellationToken.None);
        if (rows.Count > 0) rejectedWaiting = true;
    }

    /// <remarks>A DuckDB lease lapses after a fixed time; a no-op on PostgreSQL, where the session holds the lock.</remarks>
    public Task RenewLockAsync() => syncLock.RenewAsync(CancellationToken.None);

    /// <summary>Closes the run with how the sync ended; never cancelled, so an interrupted run is still recorded.</summary>
    public async Task FinishAsync(SyncStatus status, SyncCounts counts)
    {
        await ledger.FinishRunAsync(runId, status switch
        {
            SyncStatus.Success => RunStatus.Success,
            SyncStatus.Partial => RunStatus.Partial,
            _ => RunStatus.Error,
        }, new RunCounts(counts.Added, counts.Changed, counts.Removed, counts.Rejected, counts.Failed, counts.Requests), CancellationToken.None);
    }

    public ValueTask DisposeAsync() => syncLock.DisposeAsync();
}
