using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Formatters;

/// <summary>dbt-style text: one block per problem (where, what, how to fix), then a one-line summary.</summary>
public static class TextCheckFormatter
{
    public static IReadOnlyList<ReportLine> Format(CheckReport report)
    {
        var lines = new List<ReportLine>
        {
            new($"Checking {Plural(report.Syncs, "sync")} on {Plural(report.Models, "model")}", LineStyle.Dim),
        };
        foreach (var d in report.Diagnostics)
        {
            var style = d.Severity == DiagnosticSeverity.Error ? LineStyle.Error : LineStyle.Warning;
            lines.Add(new(""));
            lines.Add(new($"{Title(d)}  [{d.Code}]", style));
            lines.Add(new($"  {d.Message}"));
            if (d.KeyPath is not null && d.Model is not null) lines.Add(new($"  at {d.KeyPath}", LineStyle.Dim));
            if (d.Hint is not null) lines.Add(new($"  Hint: {d.Hint}", LineStyle.Dim));
        }
        lines.Add(new(""));
        lines.Add(report.Passed
            ? new($"Done. All checks passed: {Plural(report.Syncs, "sync")}, {Plural(report.Warnings, "warning")}.", LineStyle.Success)
            : new($"Done. {Plural(report.Errors, "error")}, {Plural(report.Warnings, "warning")} in {Plural(report.Syncs, "sync")}.", LineStyle.Error));
        return lines;
    }

    public static string Render(CheckReport report) => string.Join('\n', Format(report).Select(l => l.Text)) + "\n";

    private static string Title(Diagnostic d)
    {
        var kind = d.Severity == DiagnosticSeverity.Error ? "Error" : "Warning";
        var where = d.File is null ? "" : $" ({d.File}{(d.Line is { } line ? $":{line}" : "")})";
        return d.Model is not null ? $"{kind} in model {d.Model}{where}"
            : d.File is not null && d.KeyPath is not null ? $"{kind} in connection {d.KeyPath}{where}"
            : $"{kind}{where}";
    }

    internal static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? "" : "s")}";
}
