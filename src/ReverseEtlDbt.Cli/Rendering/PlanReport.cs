using System.Globalization;
using ReverseEtlDbt.Values;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Warehouse.Diff;
using Spectre.Console;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>
/// One sync of <c>retl plan</c> for people: a header with the counts, then the sample rows (PII masked) in a table,
/// or the dbt-style mismatch table when the contract guard stopped it. No timings, so the text is reproducible.
/// </summary>
public static class PlanReport
{
    public static void Write(Terminal terminal, SyncPreview preview)
    {
        var outcome = preview.Outcome;
        var sync = outcome.Sync;
        var console = terminal.Out;
        var color = StatusColor.Of(outcome.Status);
        console.MarkupLine($"[bold]{Markup.Escape(sync.Id)}[/]  [grey]{Markup.Escape($"{sync.ModelName} -> {sync.Connection}.{sync.Object} ({sync.Mode.ToString().ToLowerInvariant()})")}[/]");
        if (outcome.Status == SyncStatus.Error)
        {
            console.MarkupLine($"  [{color}]error: nothing would be sent[/]");
            foreach (var error in outcome.Errors)
            {
                var text = error.Code == OutcomeCode.ContractMismatch && preview.Mismatches is { } table ? table.Render() : $"[{error.Code.Name()}] {error.Message}";
                foreach (var line in text.Split('\n')) console.MarkupLine($"  [{color}]{Markup.Escape(line)}[/]");
            }
            console.WriteLine();
            return;
        }

        var c = outcome.Counts;
        console.MarkupLine($"  would send: [green]{N(c.Added)} added[/], [yellow]{N(c.Changed)} changed[/], [red]{N(c.Removed)} removed[/]; {N(c.Rejected)} rejected (invalid key)");
        if (outcome.MappingChange is { } mapping) console.MarkupLine($"  [yellow]{Markup.Escape(mapping.Message)}[/]");
        if (preview.Estimate is { Requests: > 0 } estimate) console.MarkupLine($"  [grey]{Markup.Escape(Describe(estimate))}[/]");
        if (preview.Samples.Count > 0) console.Write(SampleTable(preview));
        else console.MarkupLine("  [grey]up to date: nothing to send[/]");
        foreach (var error in outcome.Errors)
        {
            console.MarkupLine($"  [yellow]{Markup.Escape($"[{error.Code.Name()}] {error.Message}")}[/]");
            foreach (var row in error.Sample ?? [])
                console.MarkupLine($"    [grey]{Markup.Escape(string.Join(", ", row.Select(kv => $"{kv.Key}={Format(kv.Value)}")))}[/]");
        }
        console.WriteLine();
    }

    /// <summary>"about 3 requests of up to 100 rows, at least 20s at 100 per 10s" (no wall-clock times: reproducible).</summary>
    internal static string Describe(RequestEstimate estimate)
    {
        var requests = estimate.Requests == 1 ? "about 1 request" : $"about {N(estimate.Requests)} requests";
        var time = estimate.MinimumTime == TimeSpan.Zero
            ? $"within one rate-limit window ({estimate.Limit})"
            : $"at least {Duration(estimate.MinimumTime)} at {estimate.Limit}";
        return $"{requests} of up to {N(estimate.BatchSize)} rows, {time}";
    }

    private static string Duration(TimeSpan time) =>
        time.TotalHours >= 1 ? $"{(int)time.TotalHours}h {time.Minutes:00}m"
        : time.TotalMinutes >= 1 ? $"{(int)time.TotalMinutes}m {time.Seconds:00}s"
        : $"{time.TotalSeconds:0}s";

    private static Table SampleTable(SyncPreview preview)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("kind");
        foreach (var column in preview.Columns) table.AddColumn(Markup.Escape(column));
        foreach (var row in preview.Samples)
        {
            var cells = new[] { Kind(row.Kind) }
                .Concat(preview.Columns.Select(col => Markup.Escape(row.Values.TryGetValue(col, out var v) ? Format(v) : "")));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    private static string Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "[green]added[/]",
        ChangeKind.Changed => "[yellow]changed[/]",
        _ => "[red]removed[/]",
    };

    /// <summary>Culture-independent text for a warehouse value, every digit kept; null shows as <c>null</c>.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ssK", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ExactTimestamp t => t.Iso.Replace('T', ' '),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
