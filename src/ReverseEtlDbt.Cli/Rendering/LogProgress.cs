using ReverseEtlDbt.Warehouse.Metering;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>Progress as plain, parseable lines (not a terminal) or JSON lines (<c>--log-format json</c>).</summary>
public sealed class LogProgress(RunLog log) : ISyncProgress
{
    public void Started(string syncId, long totalChanges) =>
        log.Info("sync_started", $"START sync {syncId}: {totalChanges} change(s) to send", new { sync_id = syncId, total = totalChanges });

    public void BatchDone(SyncProgressSnapshot progress)
    {
        var c = progress.Counts;
        log.Info("batch_done", $"BATCH sync {progress.SyncId}: {progress.BatchRows} row(s); synced {c.Synced}, rejected {c.Rejected}, requests {c.Requests}, retries {c.Retries}",
            new { sync_id = progress.SyncId, rows = progress.BatchRows, synced = c.Synced, rejected = c.Rejected, requests = c.Requests, retries = c.Retries });
    }

    public void Retrying(string syncId, int attempt, TimeSpan delay, string reason) =>
        log.Warn("retry", $"RETRY sync {syncId}: attempt {attempt} in {delay.TotalSeconds:0.0}s ({reason})",
            new { sync_id = syncId, attempt, delay_seconds = delay.TotalSeconds, reason });

    public void Finished(SyncOutcome outcome)
    {
        var c = outcome.Counts;
        var message = $"{outcome.Status.ToString().ToUpperInvariant()} sync {outcome.Sync.Id}: added {c.Added}, changed {c.Changed}, removed {c.Removed}, rejected {c.Rejected}, failed {c.Failed} in {outcome.ExecutionTime:0.00}s (warehouse: {WarehouseCostFormat.Text(outcome.Warehouse)})";
        var data = new
        {
            sync_id = outcome.Sync.Id, status = outcome.Status.ToString().ToLowerInvariant(),
            errors = outcome.Errors.Select(e => new { Code = e.Code.Name(), e.Message }), warehouse = WarehouseCostFormat.Json(outcome.Warehouse),
            mapping_changed = outcome.MappingChange is not { } m ? null : new { rows_resent = m.RowsResent, message = m.Message },
        };
        if (outcome.Status is SyncStatus.Error) log.Error("sync_finished", message, data);
        else if (outcome.Status is SyncStatus.Partial) log.Warn("sync_finished", message, data);
        else log.Info("sync_finished", message, data);
        if (log.Json) return;
        if (outcome.MappingChange is { } mapping) log.Warn("mapping_changed", $"  {mapping.Message}");
        foreach (var error in outcome.Errors)
            log.Warn("sync_error", $"  [{error.Code.Name()}] {error.Message}");
    }
}
