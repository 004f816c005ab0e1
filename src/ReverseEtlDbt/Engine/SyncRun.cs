using System.Data.Common;
using System.Diagnostics;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;
using ReverseEtlDbt.Warehouse.Guard;
using ReverseEtlDbt.Warehouse.Metering;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// One sync, start to end: guard → lock (<see cref="LedgerStateWriter"/>) → diff → send (<see cref="BatchSender"/>) →
/// commit (<see cref="BatchCommitter"/>, in groups: <see cref="GroupedStateWriter"/>) → finish (status by <see cref="OutcomeTable"/>). The order is what makes
/// a kill at any moment safe: state is written only for rows the destination acknowledged, so a rerun re-sends
/// exactly what was not, and upserts make a re-send harmless.
/// </summary>
internal sealed class SyncRun(SyncPlan plan, ConnectionGate gate, SyncEnvironment environment, LedgerSchema ledgerSchema)
{
    private readonly DestinationSync sync = plan.Sync;
    private readonly SyncTally tally = new(plan.Sync.Id);
    private readonly WarehouseMeter meter = new();
    private MappingChange? mappingChange;

    public async Task<SyncOutcome> RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var clock = Stopwatch.StartNew();
        await RunStagesAsync(stop, abort);
        return new SyncOutcome
        {
            Sync = sync, Counts = tally.Counts, Errors = tally.Errors, ExecutionTime = clock.Elapsed.TotalSeconds, Warehouse = meter.Cost,
            MappingChange = mappingChange,
        };
    }

    private async Task RunStagesAsync(CancellationToken stop, CancellationToken abort)
    {
        try
        {
            await using var reading = await environment.OpenWarehouse(abort);
            meter.Attach(reading.Connection);
            reading.TagQueries("retl:" + sync.Id);
            var guard = await ContractGuard.CheckAsync(reading, plan.Model, sync, abort);
            if (!guard.Passed)
            {
                tally.AddOnce(new SyncError(OutcomeCode.ContractMismatch, guard.ToMismatchTable(sync.ModelName, sync.YamlFile).Render()));
                return;
            }
            await using var writing = await environment.OpenWarehouse(abort);
            meter.Attach(writing.Connection);
            writing.TagQueries("retl:" + sync.Id);
            await using var state = await LedgerStateWriter.OpenAsync(writing, ledgerSchema, sync, environment, abort);
            await using var grouped = new GroupedStateWriter(state, Grouping(), environment.Time);
            using var committer = new BatchCommitter(sync, plan.Model, grouped, tally);
            await PushThenFlushAsync(() => PushAsync(reading, guard, state, committer, stop, abort), grouped);
            var counts = tally.Counts; // every batch has settled: nothing changes it any more
            await state.FinishAsync(OutcomeTable.StatusOf(tally.Errors.Select(e => e.Code)), counts);
        }
        catch (SyncLockedException e)
        {
            tally.AddOnce(new SyncError(OutcomeCode.SyncLocked, e.Message));
        }
        catch (ConfigException e)
        {
            tally.AddOnce(SyncError.Config(e));
        }
        catch (DbException e) when (!abort.IsCancellationRequested)
        {
            // The warehouse failed (connection lost, conflict): committed groups stay, the rest re-sends next run.
            tally.AddOnce(new SyncError(OutcomeCode.WarehouseError, e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unforeseen (a bug, a value nothing foresaw): this sync ends with what it committed counted; the run goes on.
            tally.AddOnce(new SyncError(OutcomeCode.InternalError,
                $"Sync {sync.Id} (model {sync.ModelName}) failed unexpectedly: {e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>
    /// A resent create may duplicate a record where the destination does not deduplicate creates, so insert mode keeps
    /// its window at one batch; every other write is an idempotent upsert, update or delete, and waits for a group.
    /// </summary>
    private StateGrouping Grouping() => sync.Mode == SyncMode.Insert ? StateGrouping.PerBatch : environment.Options.StateGrouping;

    /// <summary>
    /// Pushes, then commits the group still waiting, before anything reads the sync's counts or closes its run. When the
    /// push fails (a second signal, a lost lock, a bug), what was acknowledged is still committed if the warehouse takes
    /// it; if it does not, those rows are resent next run and the push's error is the one reported.
    /// </summary>
    private static async Task PushThenFlushAsync(Func<Task> push, GroupedStateWriter grouped)
    {
        try
        {
            await push();
        }
        catch
        {
            try
            {
                await grouped.FlushAsync();
            }
            catch (Exception)
            {
                // Reported as the push's error above; the group's rows are not in state, so the next run sends them again.
            }
            throw;
        }
        await grouped.FlushAsync();
    }

    /// <summary>Diff, then every changed row in batches: sent, committed, reported, a few batches in flight at once.</summary>
    private async Task PushAsync(
        IWarehouse reading, ContractGuardResult guard, LedgerStateWriter state, BatchCommitter committer, CancellationToken stop, CancellationToken abort)
    {
        var options = new DiffOptions { FullResync = environment.Options.FullResync, State = ledgerSchema.DiffState(reading.Dialect) };
        var spec = DiffSpec.For(sync, guard.Relation, options, guard.TypeOf) with { FingerprintFormat = state.Fingerprints };
        var (diff, rejected) = await new DiffReader(reading) { HoldsLease = true }.MaterializeCheckedAsync(spec, abort);
        await using var _ = diff;
        // Every row in state still in the model reads as changed under a replaced mapping: the changed count is the resend.
        if (state.Replaced is { } old)
            mappingChange = new MappingChange(old.ConfigFingerprint, old.UpdatedAt, spec.ConfigFingerprint, diff.Counts.Changed) { Applied = true };
        committer.CountInvalidKeys(rejected);
        tally.Start(diff.Counts.Total);
        environment.Progress.Started(sync.Id, diff.Counts.Total);

        var sender = new BatchSender(sync, gate, environment, tally);
        var batcher = new BatchBuilder(sync, plan.Settings.BatchSize);
        var mapper = new RowMapper(sync, plan.Factory.Capabilities.HashesFields);
        var inFlight = new InFlightBatches(environment.Options.MaxBatchesInFlight ?? gate.MaxConcurrency);
        try
        {
            var going = true;
            await foreach (var row in diff.ReadAsync(abort))
            {
                if (committer.UnsendableReason(row) is { } reason) going = await inFlight.AddAsync(RejectAsync(PendingRow.Of(row, mapper.Map(row)), reason, committer));
                else if (batcher.Add(row, mapper.Map(row)) is { } full) going = await inFlight.AddAsync(SendAndCommitAsync(full, sender, committer, stop, abort));
                if (!going || stop.IsCancellationRequested) break;
            }
            if (going && !stop.IsCancellationRequested)
                foreach (var rest in batcher.Drain())
                    if (!await inFlight.AddAsync(SendAndCommitAsync(rest, sender, committer, stop, abort))) break;
            await inFlight.DrainAsync();
        }
        finally
        {
            // When one batch throws (lock lost, warehouse gone), the others still finish before the connections close.
            await inFlight.SettleAsync();
        }
        if (tally.Counts.Failed > 0 && !tally.Errors.Any(e => e.Code is OutcomeCode.DestinationError or OutcomeCode.AuthFailed))
            tally.AddOnce(new SyncError(OutcomeCode.RowsFailed,
                $"{tally.Counts.Failed} row(s) got no answer from {sync.Connection}.{sync.Object}; they are sent again next run"));
        if (stop.IsCancellationRequested)
            tally.AddOnce(new SyncError(OutcomeCode.Interrupted,
                "Stopped on request: waits ended at once and requests on the wire were answered; acknowledged rows are committed, the rest is sent next run"));
    }

    /// <summary>A row holding a value no destination can take: rejected alone, never sent (DESIGN §3 rule 7).</summary>
    private async Task<bool> RejectAsync(PendingRow row, string reason, BatchCommitter committer)
    {
        environment.Progress.BatchDone(await committer.RejectAsync(row, reason));
        return true;
    }

    /// <summary>One batch through send and commit, then to the display (outside every lock); false stops the sync.</summary>
    private async Task<bool> SendAndCommitAsync(PendingBatch batch, BatchSender sender, BatchCommitter committer, CancellationToken stop, CancellationToken abort)
    {
        if (await sender.SendAsync(batch, stop, abort) is not { } result) return false;
        var progress = await committer.CommitAsync(batch, result);
        environment.Progress.BatchDone(progress);
        return true;
    }
}
