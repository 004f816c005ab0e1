using ReverseEtlDbt.Tests.Build;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Cli;

/// <summary>
/// A sync that cannot run is never dropped from a run: <c>plan</c>, <c>sync</c> and <c>build</c> end it in an
/// <c>error</c> result that names the file, model and key, exit 2, and run the other syncs.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EverySyncAccountedForTests
{
    private static readonly string[] HttpSyncs = ["--sync", "*__hubspot__*", "--sync", "*__webhook__*"];

    [Fact]
    public async Task Plan_reports_a_misspelt_mode_as_an_error_result_and_plans_the_others()
    {
        await using var harness = await SyncHarness.StartAsync(editProject: MisspellHubSpotMode);

        var run = await harness.RunAsync(["plan", .. HttpSyncs]);

        Assert.True(run.ExitCode == 2, run.ToString());
        AssertRefusedForMode(harness.SyncResult(SyncHarness.HubSpotSync));
        Assert.Equal("success", harness.SyncResult(SyncHarness.AccountsSync)["status"]!.GetValue<string>());
        Assert.Contains("upsrt", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_sends_nothing_for_a_misspelt_mode_and_runs_the_other_syncs()
    {
        await using var harness = await SyncHarness.StartAsync(editProject: MisspellHubSpotMode);

        var run = await harness.RunAsync(["sync", .. HttpSyncs]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(0, harness.Emulator.HubSpot.CountRequests());
        AssertRefusedForMode(harness.SyncResult(SyncHarness.HubSpotSync));
        Assert.Equal("success", harness.SyncResult(SyncHarness.AccountsSync)["status"]!.GetValue<string>());
        Assert.NotEmpty(harness.Emulator.Webhook.Deliveries);
        Assert.Contains("ERROR=1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_of_a_model_without_primary_key_ends_each_of_its_syncs_in_an_error()
    {
        await using var harness = await SyncHarness.StartAsync(editProject: dir => EditMarts(dir, "          primary_key: account_id\n", ""));

        var run = await harness.RunAsync(["sync", .. HttpSyncs]);

        Assert.True(run.ExitCode == 2, run.ToString());
        var result = harness.SyncResult(SyncHarness.AccountsSync);
        Assert.Equal("error", result["status"]!.GetValue<string>());
        var message = Assert.Single(result["errors"]!.AsArray())!["message"]!.GetValue<string>();
        Assert.Contains("primary_key", message, StringComparison.Ordinal);
        Assert.Contains("model account_tiers", message, StringComparison.Ordinal);
        Assert.Equal("success", harness.SyncResult(SyncHarness.HubSpotSync)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unreadable_rate_limit_fails_check_and_refuses_only_the_syncs_of_its_connection()
    {
        await using var harness = await SyncHarness.StartAsync(editProject: dir => EditConnections(dir,
            "  batch_size: 100\n", "  batch_size: 100\n  rate_limit: {requests: \"x\", per_seconds: 1}\n"));

        var check = await harness.RunAsync("check");
        var run = await harness.RunAsync(["sync", .. HttpSyncs]);

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Contains("retl_connections.yml", check.Output, StringComparison.Ordinal);
        Assert.Contains("connection 'webhook' key 'rate_limit.requests'", check.Output, StringComparison.OrdinalIgnoreCase);
        Assert.True(run.ExitCode == 2, run.ToString());
        foreach (var sync in new[] { SyncHarness.AccountsSync, SyncHarness.AudienceSync })
        {
            var result = harness.SyncResult(sync);
            Assert.Equal("error", result["status"]!.GetValue<string>());
            Assert.Contains("rate_limit.requests", result["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        Assert.Equal(0, harness.Emulator.Webhook.CountRequests());
        Assert.Equal("success", harness.SyncResult(SyncHarness.HubSpotSync)["status"]!.GetValue<string>());
        Assert.NotEmpty(harness.Emulator.HubSpot.Records("contacts"));
    }

    [Fact]
    public async Task Build_reports_a_misspelt_mode_as_an_error_result_and_syncs_the_others()
    {
        await using var scenario = await BuildScenario.StartAsync();
        MisspellHubSpotMode(scenario.ProjectDir);

        var run = await scenario.BuildAsync();

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(0, scenario.Emulators.HubSpot.CountRequests());
        AssertRefusedForMode(BuildScenario.Result(scenario.SyncResults(), SyncHarness.HubSpotSync));
        Assert.Equal("success", BuildScenario.Result(scenario.SyncResults(), SyncHarness.AccountsSync)["status"]!.GetValue<string>());
    }

    private static void AssertRefusedForMode(System.Text.Json.Nodes.JsonNode result)
    {
        Assert.Equal("error", result["status"]!.GetValue<string>());
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal("check_failed", error["code"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.Contains("'upsrt'", message, StringComparison.Ordinal);
        Assert.Contains("models/marts/_marts.yml", message, StringComparison.Ordinal);
        Assert.Contains("model customer_health", message, StringComparison.Ordinal);
        Assert.Contains("key config.meta.sync.destinations[0].mode", message, StringComparison.Ordinal);
    }

    private static void MisspellHubSpotMode(string projectDir) =>
        EditMarts(projectDir, "              object: contacts\n              mode: upsert\n", "              object: contacts\n              mode: upsrt\n");

    private static void EditMarts(string projectDir, string from, string to) => Edit(Path.Combine(projectDir, "models", "marts", "_marts.yml"), from, to);

    private static void EditConnections(string projectDir, string from, string to) => Edit(Path.Combine(projectDir, "retl_connections.yml"), from, to);

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }
}
