using System.Globalization;
using ReverseEtlDbt.Engine;
using Spectre.Console;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>The table at the end of a run: one row per sync with its counts, then the errors.</summary>
public static class SummaryTable
{
    public static void Write(Terminal terminal, IReadOnlyList<SyncOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            terminal.Out.MarkupLine("Nothing to sync: no selected model declares meta.sync.");
            return;
        }
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("sync", "status", "added", "changed", "removed", "rejected", "failed", "requests", "time");
        foreach (var o in outcomes)
        {
            var c = o.Counts;
            var color = StatusColor.Of(o.Status);
            table.AddRow(Markup.Escape(o.Sync.Id), $"[{color}]{o.Status.ToString().ToLowerInvariant()}[/]",
                N(c.Added), N(c.Changed), N(c.Removed), N(c.Rejected), N(c.Failed), N(c.Requests), $"{o.ExecutionTime:0.00}s");
        }
        terminal.Out.Write(table);
        foreach (var o in outcomes.Where(o => o.Errors.Count > 0))
            foreach (var e in o.Errors)
                terminal.Out.MarkupLine($"[{(o.Status == SyncStatus.Error ? "red" : "yellow")}]{Markup.Escape($"{o.Sync.Id}: [{e.Code.Name()}]")}[/] {Markup.Escape(e.Message)}");
        var ok = outcomes.Count(o => o.Status == SyncStatus.Success);
        terminal.Out.MarkupLine($"Done. SUCCESS={ok} PARTIAL={outcomes.Count(o => o.Status == SyncStatus.Partial)} " +
            $"ERROR={outcomes.Count(o => o.Status == SyncStatus.Error)} SKIP={outcomes.Count(o => o.Status == SyncStatus.Skipped)} TOTAL={outcomes.Count}");
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
