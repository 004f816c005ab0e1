using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary><c>retl plan --log-format json</c>: one <c>sync_planned</c> line per sync, with counts, masked samples and errors.</summary>
public static class PlanLog
{
    public static void Write(RunLog log, SyncPreview preview)
    {
        var o = preview.Outcome;
        var c = o.Counts;
        var status = o.Status.ToString().ToLowerInvariant();
        var message = $"{status.ToUpperInvariant()} plan {o.Sync.Id}: added {c.Added}, changed {c.Changed}, removed {c.Removed}, rejected {c.Rejected}";
        var data = new
        {
            sync_id = o.Sync.Id,
            status,
            counts = new { added = c.Added, changed = c.Changed, removed = c.Removed, rejected = c.Rejected },
            samples = preview.Samples.Select(s => new { kind = s.Kind.ToString().ToLowerInvariant(), values = s.Values }),
            errors = o.Errors.Select(e => new { code = e.Code.Name(), message = e.Message, sample = e.Sample ?? [] }),
            mapping_changed = o.MappingChange is not { } m ? null : new { rows_resent = m.RowsResent, message = m.Message },
            warehouse = ReverseEtlDbt.Warehouse.Metering.WarehouseCostFormat.Json(o.Warehouse),
        };
        if (o.Status == SyncStatus.Error) log.Error("sync_planned", message, data);
        else if (o.Status == SyncStatus.Partial) log.Warn("sync_planned", message, data);
        else log.Info("sync_planned", message, data);
    }
}
