using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace ReverseEtlDbt.Tests.Build;

/// <summary><c>retl build</c> end to end: the dbt stand-in builds dbt_example, retl syncs to the emulators.</summary>
public sealed class BuildCommandTests
{
    private const string HubSpotSync = "customer_health__hubspot__contacts";
    private const string AccountsSync = "account_tiers__webhook__account_tier_changed";
    private const string AudienceSync = "high_value_audience__webhook__audience_high_value";

    [Fact]
    public async Task Build_syncs_models_that_passed()
    {
        await using var scenario = await BuildScenario.StartAsync();

        var run = await scenario.BuildAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Completed successfully", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Stdout + run.Stderr);
        Assert.NotEmpty(scenario.Emulators.HubSpot.Records("contacts"));
        Assert.NotEmpty(scenario.Emulators.Webhook.Deliveries);
        var results = scenario.SyncResults();
        Assert.Equal("build", results["command"]!.GetValue<string>());
        foreach (var sync in new[] { HubSpotSync, AccountsSync, AudienceSync })
            Assert.Equal("success", BuildScenario.Result(results, sync)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Model_whose_unique_test_fails_is_not_synced_and_reported_skipped_with_the_test_named()
    {
        await using var scenario = await BuildScenario.StartAsync();

        var run = await scenario.BuildAsync(new Dictionary<string, string> { ["DBT_STANDIN_FAIL_TEST"] = "unique_customer_health_customer_id" });

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(scenario.Emulators.HubSpot.Records("contacts"));
        var results = scenario.SyncResults();
        var hubspot = BuildScenario.Result(results, HubSpotSync);
        Assert.Equal("skipped", hubspot["status"]!.GetValue<string>());
        var error = Assert.Single(hubspot["errors"]!.AsArray())!;
        Assert.Equal("tests_failed", error["code"]!.GetValue<string>());
        Assert.Contains("test.retl_example.unique_customer_health_customer_id.", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("(fail)", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        // dbt skipped the model downstream of the failing test; the unrelated one still synced.
        Assert.Equal("skipped", BuildScenario.Result(results, AudienceSync)["status"]!.GetValue<string>());
        Assert.Equal("success", BuildScenario.Result(results, AccountsSync)["status"]!.GetValue<string>());
        Assert.Contains(scenario.Emulators.Webhook.Deliveries, d => d.RawBody.Contains("account.tier_changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Model_not_built_in_this_run_is_not_synced()
    {
        await using var scenario = await BuildScenario.StartAsync();

        var run = await scenario.BuildAsync(null, "--", "--select", "+account_tiers");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(scenario.Emulators.HubSpot.Requests);
        var results = scenario.SyncResults();
        foreach (var sync in new[] { HubSpotSync, AudienceSync })
        {
            var result = BuildScenario.Result(results, sync);
            Assert.Equal("skipped", result["status"]!.GetValue<string>());
            Assert.Equal("not_built", result["errors"]![0]!["code"]!.GetValue<string>());
        }
        Assert.Equal("success", BuildScenario.Result(results, AccountsSync)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dbt_exiting_2_with_nothing_built_gives_exit_3()
    {
        await using var scenario = await BuildScenario.StartAsync();
        // Artifacts of an earlier build are there: they must not pass for this run's.
        Directory.CreateDirectory(scenario.TargetDir);
        foreach (var file in new[] { "manifest.json", "run_results.json" })
            File.Copy(Path.Combine(TestPaths.Example, "target", file), Path.Combine(scenario.TargetDir, file));

        var run = await scenario.BuildAsync(new Dictionary<string, string> { ["DBT_STANDIN_EXIT"] = "2" });

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("DBT_STANDIN_EXIT=2", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("dbt build failed (exit code 2)", run.Stderr, StringComparison.Ordinal);
        // The record is rewritten: the stale manifest names the syncs, each ended by dbt's failure.
        var results = scenario.SyncResults();
        Assert.NotEmpty(results["results"]!.AsArray());
        Assert.All(results["results"]!.AsArray(), r => Assert.Equal("dbt_failed", r!["errors"]![0]!["code"]!.GetValue<string>()));
        Assert.Empty(scenario.Emulators.HubSpot.Requests);
        Assert.Empty(scenario.Emulators.Webhook.Requests);
    }

    [Fact]
    public async Task Dbt_arguments_after_double_dash_reach_dbt_unchanged()
    {
        await using var scenario = await BuildScenario.StartAsync();
        string[] passThrough = ["--vars", "{\"run_date\": \"2026-01-01\", \"note\": \"a b\"}", "--full-refresh", "--threads", "2", "--no-partial-parse"];

        var run = await scenario.BuildAsync(null, ["--target", "dev", "--select", "+account_tiers", "--", .. passThrough]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var logged = JsonSerializer.Deserialize<string[]>(Assert.Single(File.ReadAllLines(scenario.ArgsLog)))!;
        Assert.Equal(["build", "--project-dir", scenario.ProjectDir, "--target", "dev", "--select", "+account_tiers", .. passThrough], logged);
        Assert.DoesNotContain("2026-01-01", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_dbt_executable_gives_exit_3_with_a_clear_message()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "dbt");
        using var project = new Example.ExampleProjectCopy();

        var run = await BuildScenario.RunRetlAsync(["build", "--project-dir", project.Dir, "--dbt-executable", missing]);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains($"Could not start dbt: '{missing}'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--dbt-executable", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_log_format_wraps_each_dbt_line_as_a_dbt_output_object()
    {
        await using var scenario = await BuildScenario.StartAsync();

        var run = await scenario.BuildAsync(null, "--log-format", "json", "--", "--select", "+account_tiers");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain('\u001b', run.Stdout);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var dbt = lines.Where(l => l["code"]!.GetValue<string>() == "dbt_output").ToList();
        Assert.Contains(dbt, l => l["msg"]!.GetValue<string>().Contains("Completed successfully", StringComparison.Ordinal));
        Assert.All(dbt, l => Assert.Equal("stdout", l["data"]!["stream"]!.GetValue<string>()));
        Assert.Contains(lines, l => l["code"]!.GetValue<string>() == "build_finished");
    }
}
