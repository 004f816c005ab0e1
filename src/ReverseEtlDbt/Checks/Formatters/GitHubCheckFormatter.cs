using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Formatters;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…,title=…::message</c>), so problems show on the
/// pull request's diff at the YAML line. Paths are made relative to the repository by <paramref name="pathPrefix"/>.
/// </summary>
public static class GitHubCheckFormatter
{
    public static string Render(CheckReport report, string pathPrefix = "")
    {
        var lines = report.Diagnostics.Select(d =>
        {
            var command = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            var properties = new List<string>();
            if (d.File is not null) properties.Add($"file={GitHubWorkflowCommand.Property(Combine(pathPrefix, d.File))}");
            if (d.Line is { } line) properties.Add($"line={line}");
            properties.Add($"title={GitHubWorkflowCommand.Property($"retl check: {d.Code}")}");
            var message = d.Model is null ? d.Message : $"{d.Message} (model {d.Model}, {d.KeyPath})";
            if (d.Hint is not null) message += $"\n{d.Hint}";
            return $"::{command} {string.Join(',', properties)}::{GitHubWorkflowCommand.Data(message)}";
        }).ToList();
        lines.Add(report.Passed
            ? $"retl check: all checks passed ({TextCheckFormatter.Plural(report.Syncs, "sync")})"
            : $"retl check: {TextCheckFormatter.Plural(report.Errors, "error")}, {TextCheckFormatter.Plural(report.Warnings, "warning")}");
        return string.Join('\n', lines) + "\n";
    }

    private static string Combine(string prefix, string file) =>
        prefix is "" or "." ? file : prefix.TrimEnd('/') + "/" + file;
}
