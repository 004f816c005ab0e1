using System.Text.Json;
using System.Xml.Linq;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary><c>retl sync --format</c>: one machine-readable document on stdout for CI systems.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SyncSummaryFormatTests
{
    [Fact]
    public async Task Json_format_prints_only_the_sync_results_document()
    {
        await using var harness = await SyncHarness.StartAsync();

        var run = await harness.RunAsync("sync", "--sync", SyncHarness.HubSpotSync, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var result = Assert.Single(document.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(("success", 50), (result.GetProperty("status").GetString(), result.GetProperty("counts").GetProperty("added").GetInt32()));
        Assert.Equal(File.ReadAllText(harness.SyncResultsPath), run.Stdout);
    }

    [Fact]
    public async Task Junit_format_reports_a_rejected_sync_as_a_failing_case()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Emulator.HubSpot.Options.ValuePatterns["account_tier"] = new System.Text.RegularExpressions.Regex("^(gold|silver)$");

        var run = await harness.RunAsync("sync", "--sync", SyncHarness.HubSpotSync, "--sync", SyncHarness.AccountsSync, "--format", "junit");

        Assert.Equal(1, run.ExitCode);
        var suite = XDocument.Parse(run.Stdout).Root!.Element("testsuite")!;
        Assert.Equal(("2", "1"), (suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value));
        var failing = suite.Elements("testcase").Single(c => c.Element("failure") is not null);
        Assert.Equal(SyncHarness.HubSpotSync, failing.Attribute("name")!.Value);
        Assert.Contains("rows_rejected", failing.Element("failure")!.Value);
    }

    [Fact]
    public async Task GitHub_format_annotates_failed_syncs_and_writes_the_job_summary()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Emulator.HubSpot.Options.TokenExpired = true;
        var summary = Path.Combine(harness.ProjectDir, "step-summary.md");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summary);
        try
        {
            var run = await harness.RunAsync("sync", "--sync", SyncHarness.HubSpotSync, "--format", "github");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"::error title=retl sync%3A {SyncHarness.HubSpotSync} error::[auth_failed]", run.Stdout);
            Assert.Contains($"| `{SyncHarness.HubSpotSync}` | error |", File.ReadAllText(summary));
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
        }
    }
}
