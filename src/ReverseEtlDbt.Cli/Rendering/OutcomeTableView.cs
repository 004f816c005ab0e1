using ReverseEtlDbt.Warehouse.Metering;
using System.Globalization;
using ReverseEtlDbt.Engine;
using Spectre.Console;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>One row per sync with its status and counts, for the end of <c>plan</c> (what it would send) and of a run.</summary>
public static class OutcomeTableView
{
    /// <param name="ran">Adds what only a run has: failed rows, requests and time.</param>
    public static Table Build(IReadOnlyList<SyncOutcome> outcomes, bool ran)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("sync", "status", "added", "changed", "removed", "rejected");
        if (ran) table.AddColumns("failed", "requests", "time");
        foreach (var o in outcomes)
        {
            var c = o.Counts;
            var cells = new List<string>
            {
                Markup.Escape(o.Sync.Id), $"[{StatusColor.Of(o.Status)}]{o.Status.ToString().ToLowerInvariant()}[/]",
                N(c.Added), N(c.Changed), N(c.Removed), N(c.Rejected),
            };
            if (ran) cells.AddRange([N(c.Failed), N(c.Requests), $"{o.ExecutionTime:0.00}s"]);
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    public static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The run's warehouse cost, summed over its syncs: <c>Warehouse: 10 statements, 0.05 s, 9 rows read</c>.</summary>
    public static string WarehouseLine(IEnumerable<SyncOutcome> outcomes) =>
        Markup.Escape($"Warehouse: {WarehouseCostFormat.Text(outcomes.Aggregate(WarehouseCost.None, (sum, o) => sum + o.Warehouse))}");
}
