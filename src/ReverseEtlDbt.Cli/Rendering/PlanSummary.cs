using ReverseEtlDbt.Engine;
using Spectre.Console;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>The table at the end of <c>retl plan</c>: one row per sync with what it would send (no timings).</summary>
public static class PlanSummary
{
    public static void Write(Terminal terminal, IReadOnlyList<SyncOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            terminal.Out.MarkupLine("Nothing to plan: no selected model declares meta.sync.");
            return;
        }
        terminal.Out.Write(OutcomeTableView.Build(outcomes, ran: false));
        var planned = outcomes.Where(o => o.Status != SyncStatus.Error).ToList();
        terminal.Out.MarkupLine($"Plan: {planned.Count} of {outcomes.Count} sync(s) planned, " +
            $"{N(planned.Sum(o => o.Counts.Added + o.Counts.Changed + o.Counts.Removed))} row(s) would be sent, " +
            $"{N(planned.Sum(o => o.Counts.Rejected))} rejected; ERROR={outcomes.Count - planned.Count}");
        terminal.Out.MarkupLine(OutcomeTableView.WarehouseLine(outcomes));
    }

    private static string N(long n) => OutcomeTableView.N(n);
}
