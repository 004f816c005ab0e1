using System.Xml.Linq;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Checks.Formatters;

namespace ReverseEtlDbt.Results;

/// <summary>
/// A run's outcome for CI systems: GitHub Actions annotations (plus a Markdown table for the job summary) and JUnit
/// XML with one test case per sync. <c>sync_results.json</c> stays the complete record.
/// </summary>
public static class SyncSummaryFormatter
{
    public static string GitHub(string command, IReadOnlyList<SyncOutcome> outcomes)
    {
        var lines = outcomes.Where(o => o.Status is SyncStatus.Error or SyncStatus.Partial).Select(o =>
        {
            var level = o.Status == SyncStatus.Error ? "error" : "warning";
            var message = string.Join("\n", o.Errors.Select(e => $"[{e.Code.Name()}] {e.Message}"));
            return $"::{level} title={Escape($"retl {command}: {o.Sync.Id} {o.Status.ToString().ToLowerInvariant()}", property: true)}::{Escape(message, property: false)}";
        }).ToList();
        lines.Add($"retl {command}: {Count(outcomes, SyncStatus.Success)} success, {Count(outcomes, SyncStatus.Partial)} partial, " +
                  $"{Count(outcomes, SyncStatus.Error)} error, {Count(outcomes, SyncStatus.Skipped)} skipped");
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A Markdown table for <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    public static string Markdown(string command, IReadOnlyList<SyncOutcome> outcomes) =>
        $"### retl {command}\n\n| sync | status | added | changed | removed | rejected | failed | requests |\n|---|---|---:|---:|---:|---:|---:|---:|\n"
        + string.Concat(outcomes.Select(o =>
            $"| `{o.Sync.Id}` | {o.Status.ToString().ToLowerInvariant()} | {o.Counts.Added} | {o.Counts.Changed} | {o.Counts.Removed} | {o.Counts.Rejected} | {o.Counts.Failed} | {o.Counts.Requests} |\n"));

    public static string JUnit(string command, IReadOnlyList<SyncOutcome> outcomes)
    {
        var cases = outcomes.Select(o =>
        {
            var element = new XElement("testcase", new XAttribute("classname", $"retl.{command}"), new XAttribute("name", o.Sync.Id),
                new XAttribute("time", o.ExecutionTime.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
            var detail = string.Join("\n", o.Errors.Select(e => $"[{e.Code.Name()}] {e.Message}"));
            if (o.Status is SyncStatus.Error or SyncStatus.Partial)
                element.Add(new XElement("failure", new XAttribute("type", o.Status.ToString().ToLowerInvariant()),
                    new XAttribute("message", (o.Errors.Count > 0 ? o.Errors[0].Message : o.Status.ToString())), detail));
            else if (o.Status == SyncStatus.Skipped)
                element.Add(new XElement("skipped", new XAttribute("message", (o.Errors.Count > 0 ? o.Errors[0].Message : "skipped"))));
            return element;
        }).ToList();
        return JUnitDocument.Render($"retl {command}", cases);
    }

    private static int Count(IReadOnlyList<SyncOutcome> outcomes, SyncStatus status) => outcomes.Count(o => o.Status == status);

    private static string Escape(string s, bool property) => property ? GitHubWorkflowCommand.Property(s) : GitHubWorkflowCommand.Data(s);
}
