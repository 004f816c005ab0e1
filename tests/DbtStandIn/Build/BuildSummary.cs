using System.Globalization;
using DbtStandIn.Project;

namespace DbtStandIn.Build;

/// <summary>dbt's closing lines: what ran, "Completed successfully" or the failures, and the PASS/ERROR/SKIP counts.</summary>
public sealed class BuildSummary(DbtProject project, BuildLog log)
{
    public void Print(IReadOnlyList<object> plan, BuildOutcome outcome)
    {
        var kinds = plan.GroupBy(Kind).Select(g => $"{g.Count()} {g.Key}{(g.Count() == 1 ? "" : "s")}");
        var seconds = outcome.ElapsedTime.ToString("0.00", CultureInfo.InvariantCulture);
        log.Line("");
        log.Line($"Finished running {string.Join(", ", kinds)} in 0 hours 0 minutes and {seconds} seconds ({seconds}s).");
        log.Line("");
        var failures = outcome.Results.Where(r => r.IsFailure).ToList();
        if (failures.Count == 0) log.Line("Completed successfully");
        else
        {
            log.Line($"Completed with {failures.Count} error{(failures.Count == 1 ? "" : "s")}, 0 partial successes, and 0 warnings:");
            foreach (var failure in failures)
            {
                log.Line("");
                log.Line(failure.Status == "fail" ? $"Failure in test {TestName(failure.UniqueId)}\n  {failure.Message}" : failure.Message ?? "");
            }
        }
        log.Line("");
        int Count(params string[] statuses) => outcome.Results.Count(r => statuses.Contains(r.Status));
        log.Line($"Done. PASS={Count("success", "pass")} WARN=0 ERROR={Count("error", "fail")} SKIP={Count("skipped")} NO-OP=0 TOTAL={outcome.Results.Count}");
    }

    private static string Kind(object item) => item switch
    {
        ProjectNode { IsModel: true } model => $"{model.Materialized} model",
        ProjectNode => "seed",
        _ => "data test",
    };

    private string TestName(string uniqueId)
    {
        var test = project.Tests.First(t => t.UniqueId == uniqueId);
        return $"{test.Name} ({test.OriginalFilePath})";
    }
}
