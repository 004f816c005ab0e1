using System.Diagnostics;
using System.Text.Json;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;
using ReverseEtlDbt.Warehouse.Guard;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// One sync, start to end: guard → lock → diff → batches through the connection's pipeline → state per
/// acknowledged batch. The order is what makes a kill at any moment safe: state is written only for rows the
/// destination acknowledged, so a rerun re-sends exactly what was not, and upserts make a re-send harmless.
/// </summary>
internal sealed class SyncRun(SyncPlan plan, ConnectionGate gate, SyncEnvironment environment) : IDisposable
{
    private readonly DestinationSync sync = plan.Sync;
    private readonly SyncCounts counts = new();
    private readonly List<SyncError> errors = [];
    private readonly PiiMasker masker = new(plan.Model);
    private readonly Lock tally = new();
    private readonly SemaphoreSlim commits = new(1, 1);
    private readonly Polly.ResiliencePipeline<BatchResult> timeout = ResiliencePipelines.Timeout(gate, environment.Options, environment.Time);


    public void Dispose() => commits.Dispose();

    public async Task<SyncOutcome> RunAsync(CancellationToken stop, CancellationToken abort)
    {
        var clock = Stopwatch.StartNew();
        var status = await RunCoreAsync(stop, abort);
        return new SyncOutcome { Sync = sync, Status = status, Counts = counts, Errors = errors, ExecutionTime = clock.Elapsed.TotalSeconds };
    }

    private async Task<SyncStatus> RunCoreAsync(CancellationToken stop, CancellationToken abort)
    {
        try
        {
            await using var reading = await environment.OpenWarehouse(abort);
            var guard = await ContractGuard.CheckAsync(reading, plan.Model, sync, abort);
            if (!guard.Passed)
                return Fail("contract_mismatch", guard.ToMismatchTable(sync.ModelName, sync.YamlFile).Render());

            await using var writing = await environment.OpenWarehouse(abort);
            var ledger = new StateLedger(writing, environment.Options.StateSchema, environment.Time);
            await using var syncLock = await SyncLock.AcquireAsync(writing, sync.Id, environment.Options.LockHolder, abort,
                environment.Options.StateSchema, environment.Time);
            var runId = await ledger.StartRunAsync(sync.Id, environment.Command, abort);
            var status = await PushAsync(reading, ledger, syncLock, guard.Relation, guard.TypeOf(sync.PrimaryKey), stop, abort);
            await ledger.FinishRunAsync(runId, status switch
            {
                SyncStatus.Success => RunStatus.Success,
                SyncStatus.Partial => RunStatus.Partial,
                _ => RunStatus.Error,
            }, new RunCounts(counts.Added, counts.Changed, counts.Removed, counts.Rejected, counts.Failed, counts.Requests), CancellationToken.None);
            return status;
        }
        catch (SyncLockedException e)
        {
            return Fail("sync_locked", e.Message);
        }
        catch (ConfigException e)
        {
            return Fail("config_error", e.Message + (e.Hint is null ? "" : $" ({e.Hint})"));
        }
        catch (System.Data.Common.DbException e) when (!abort.IsCancellationRequested)
        {
            // The warehouse failed (connection lost, conflict): acknowledged batches are committed, the rest re-sends next run.
            return Fail("warehouse_error", e.Message);
        }
    }

    private async Task<SyncStatus> PushAsync(
        IWarehouse reading, StateLedger ledger, SyncLock syncLock, RelationName relation, string? keyType, CancellationToken stop, CancellationToken abort)
    {
        var spec = DiffSpec.For(sync, relation, new DiffOptions { FullResync = environment.Options.FullResync, StateSchema = environment.Options.StateSchema }, keyType);
        var reader = new DiffReader(reading);
        var (diff, rejected) = await reader.MaterializeCheckedAsync(spec, abort);
        await using var _ = diff;
        ReportRejectedKeys(rejected);
        environment.Progress.Started(sync.Id, diff.Counts.Total);

        var batcher = new BatchBuilder(sync, plan.Factory, gate.Connection);
        var pipeline = ResiliencePipelines.ForBatches(gate, environment.Options, environment.Time,
            (attempt, delay, reason) =>
            {
                lock (tally) counts.Retries++;
                environment.Progress.Retrying(sync.Id, attempt, delay, reason);
            });
        var mapper = new RowMapper(sync, plan.Factory.Capabilities.HashesFields);

        var inFlight = new InFlightBatches(environment.Options.MaxBatchesInFlight ?? gate.MaxConcurrency);
        try
        {
            var going = true;
            await foreach (var row in diff.ReadAsync(abort))
            {
                if (batcher.Add(row, mapper.Map(row)) is { } full) going = await inFlight.AddAsync(SendAsync(full, ledger, syncLock, pipeline, abort));
                if (!going || stop.IsCancellationRequested) break;
            }
            if (going && !stop.IsCancellationRequested)
                foreach (var rest in batcher.Drain())
                    if (!await inFlight.AddAsync(SendAsync(rest, ledger, syncLock, pipeline, abort))) break;
            await inFlight.DrainAsync();
        }
        finally
        {
            // When one batch throws (lock lost, warehouse gone), the others still finish before the connections close.
            await inFlight.SettleAsync();
        }

        if (stop.IsCancellationRequested)
            errors.Add(new SyncError("interrupted", "Stopped on request after the batch in flight; acknowledged rows are committed, the rest is sent next run"));
        return errors.Any(e => e.Code is "auth_failed" or "destination_error") ? SyncStatus.Error
            : counts.Rejected > 0 || counts.Failed > 0 || stop.IsCancellationRequested ? SyncStatus.Partial
            : SyncStatus.Success;
    }

    /// <summary>Sends one batch (or acknowledges it locally when nothing needs sending); false stops the sync.</summary>
    private async Task<bool> SendAsync(
        PendingBatch batch, StateLedger ledger, SyncLock syncLock, Polly.ResiliencePipeline<BatchResult> pipeline, CancellationToken abort)
    {
        if (gate.AuthFailure is { } refused)
            return Stop("auth_failed", refused);
        BatchResult result;
        if (batch.Request is null)
        {
            result = new BatchResult(batch.Rows.Select(r => RowOutcome.Ok(r.PrimaryKey, r.DestinationId)).ToList());
        }
        else
        {
            try
            {
                result = await pipeline.ExecuteAsync(async ct =>
                {
                    var slot = await gate.PaceAsync(environment.Time, ct);
                    lock (tally) counts.Requests++;
                    try
                    {
                        return await timeout.ExecuteAsync(async c => await gate.Destination.WriteAsync(batch.Request, c), ct);
                    }
                    finally
                    {
                        slot.Complete();
                    }
                }, abort);
            }
            catch (DestinationAuthException e)
            {
                gate.AuthFailure = $"Connection '{sync.Connection}' refused the credentials: {e.Message}";
                return Stop("auth_failed", gate.AuthFailure);
            }
            catch (Exception e) when (e is DestinationFatalException or DestinationTransientException or Polly.Timeout.TimeoutRejectedException)
            {
                lock (tally) counts.Failed += batch.Rows.Count;
                return Stop("destination_error", $"{sync.Connection}.{sync.Object}: {e.Message}");
            }
        }
        // One connection writes state: commits of concurrent batches take turns.
        await commits.WaitAsync(CancellationToken.None);
        try
        {
            await CommitAsync(batch, result, ledger);
            // A DuckDB lease lapses after a fixed time: extend it per batch so a long run keeps its lock (no-op on PostgreSQL).
            await syncLock.RenewAsync(CancellationToken.None);
        }
        finally
        {
            commits.Release();
        }
        lock (tally) environment.Progress.BatchDone(sync.Id, batch.Rows.Count, counts);
        return true;
    }

    /// <remarks>Called under <see cref="commits"/>: one batch at a time.</remarks>
    private async Task CommitAsync(PendingBatch batch, BatchResult result, StateLedger ledger)
    {
        var outcomes = result.Rows.GroupBy(r => r.PrimaryKey).ToDictionary(g => g.Key, g => g.Last());
        var acknowledged = new List<AcknowledgedRow>();
        var rejected = new List<RejectedRow>();
        var failed = 0;
        foreach (var row in batch.Rows)
        {
            var outcome = outcomes.GetValueOrDefault(row.PrimaryKey);
            switch (outcome?.Status)
            {
                case RowStatus.Ok:
                    acknowledged.Add(new AcknowledgedRow(row.PrimaryKey, row.Kind, row.Fingerprint, outcome.DestinationId ?? row.DestinationId));
                    break;
                case RowStatus.Rejected:
                    rejected.Add(new RejectedRow(row.PrimaryKey, outcome.Reason ?? "rejected", JsonSerializer.Serialize(masker.Mask(row.Values))));
                    break;
                default:
                    failed++; // no answer for this row: not acknowledged, re-sent next run
                    break;
            }
        }
        // State is written after the destination answered and never cancelled half-way: a commit is one transaction.
        if (acknowledged.Count > 0) await ledger.CommitAsync(sync.Id, acknowledged, CancellationToken.None);
        if (rejected.Count > 0) await ledger.RecordRejectedAsync(sync.Id, rejected, CancellationToken.None);
        lock (tally)
        {
            foreach (var row in acknowledged)
                _ = row.Kind switch { ChangeKind.Added => counts.Added++, ChangeKind.Changed => counts.Changed++, _ => counts.Removed++ };
            counts.Rejected += rejected.Count;
            counts.Failed += failed;
            if (rejected.Count > 0) AddRejectedError(rejected);
        }
    }

    private void AddRejectedError(List<RejectedRow> rejected)
    {
        var existing = errors.FindIndex(e => e.Code == "rows_rejected");
        var sample = (existing >= 0 ? errors[existing].Sample ?? [] : [])
            .Concat(rejected.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["primary_key"] = masker.MaskIfPii(sync.PrimaryKey, r.PrimaryKey), ["reason"] = r.Reason,
            })).Take(5).ToList();
        var error = new SyncError("rows_rejected", $"{counts.Rejected} row(s) refused by {sync.Connection}.{sync.Object}; they are retried next run", sample);
        if (existing >= 0) errors[existing] = error; else errors.Add(error);
    }

    /// <returns>True when no key is duplicated, so the diff may skip its own duplicate check.</returns>
    private void ReportRejectedKeys(RejectedKeys keys)
    {
        if (keys.Total == 0) return;
        counts.Rejected += keys.Total;
        errors.Add(SyncError.InvalidKeys(sync, keys, masker, "were not synced"));
    }

    private bool Stop(string code, string message)
    {
        lock (tally)
            if (!errors.Any(e => e.Code == code)) errors.Add(new SyncError(code, message));
        return false;
    }

    private SyncStatus Fail(string code, string message)
    {
        errors.Add(new SyncError(code, message));
        return SyncStatus.Error;
    }
}
