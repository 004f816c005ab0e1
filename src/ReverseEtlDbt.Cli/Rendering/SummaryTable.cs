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
        terminal.Out.Write(OutcomeTableView.Build(outcomes, ran: true));
        foreach (var o in outcomes.Where(o => o.MappingChange is not null))
            terminal.Out.MarkupLine($"[yellow]{Markup.Escape($"{o.Sync.Id}: {o.MappingChange!.Message}")}[/]");
        foreach (var o in outcomes.Where(o => o.Errors.Count > 0))
            foreach (var e in o.Errors)
                terminal.Out.MarkupLine($"[{(o.Status == SyncStatus.Error ? "red" : "yellow")}]{Markup.Escape($"{o.Sync.Id}: [{e.Code.Name()}]")}[/] {Markup.Escape(e.Message)}");
        var ok = outcomes.Count(o => o.Status == SyncStatus.Success);
        terminal.Out.MarkupLine($"Done. SUCCESS={ok} PARTIAL={outcomes.Count(o => o.Status == SyncStatus.Partial)} " +
            $"ERROR={outcomes.Count(o => o.Status == SyncStatus.Error)} SKIP={outcomes.Count(o => o.Status == SyncStatus.Skipped)} TOTAL={outcomes.Count}");
        terminal.Out.MarkupLine(OutcomeTableView.WarehouseLine(outcomes));
    }
}
