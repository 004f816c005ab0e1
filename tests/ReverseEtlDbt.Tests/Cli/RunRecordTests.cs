using System.Text.Json.Nodes;
using ReverseEtlDbt.Tests.Build;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Example;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Cli;

/// <summary>Every plan, sync and build rewrites sync_results.json, whatever went wrong (DESIGN §3 rule 9).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class RunRecordTests
{
    private const string Stale = """{"command": "sync", "results": [{"sync_id": "x", "status": "success"}]}""";

    [Theory]
    [InlineData("plan")]
    [InlineData("sync")]
    public async Task A_run_without_a_manifest_replaces_the_earlier_record_with_its_error(string command)
    {
        using var project = new ExampleProjectCopy();
        Directory.CreateDirectory(project.Target);
        var record = Path.Combine(project.Target, "sync_results.json");
        File.WriteAllText(record, Stale);

        var run = await BuildScenario.RunRetlAsync([command, "--project-dir", project.Dir]);

        Assert.True(run.ExitCode == 2, run.ToString());
        var results = JsonNode.Parse(File.ReadAllText(record))!;
        Assert.Equal(command, results["command"]!.GetValue<string>());
        Assert.Empty(results["results"]!.AsArray());
        var error = Assert.Single(results["errors"]!.AsArray())!;
        Assert.Equal("artifact_error", error["code"]!.GetValue<string>());
        Assert.Contains("manifest.json", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warehouse_that_cannot_be_opened_ends_each_selected_sync_in_an_error_result()
    {
        await using var harness = await SyncHarness.StartAsync();
        File.WriteAllText(harness.DuckDbFile, "this is not a DuckDB database");
        File.WriteAllText(harness.SyncResultsPath, Stale);

        var run = await harness.SyncAsync(SyncHarness.HubSpotSync, SyncHarness.AccountsSync);

        Assert.True(run.ExitCode == 2, run.ToString());
        foreach (var sync in new[] { SyncHarness.HubSpotSync, SyncHarness.AccountsSync })
        {
            var result = harness.SyncResult(sync);
            Assert.Equal("error", result["status"]!.GetValue<string>());
            Assert.Equal("warehouse_error", result["errors"]![0]!["code"]!.GetValue<string>());
        }
        Assert.Equal(0, harness.Emulator.HubSpot.CountRequests());
        Assert.Equal(0, harness.Emulator.Webhook.CountRequests());
    }

    [Fact]
    public async Task An_unknown_target_ends_each_selected_sync_in_a_config_error()
    {
        await using var harness = await SyncHarness.StartAsync();

        var run = await harness.RunAsync("sync", "--sync", SyncHarness.HubSpotSync, "--target", "nope");

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = harness.SyncResult(SyncHarness.HubSpotSync)["errors"]![0]!;
        Assert.Equal("config_error", error["code"]!.GetValue<string>());
        Assert.Contains("nope", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_path_that_cannot_be_written_is_said_on_stderr_and_exits_at_least_1()
    {
        await using var harness = await SyncHarness.StartAsync();
        var blocked = Path.Combine(harness.ProjectDir, "blocked");
        File.WriteAllText(blocked, "a file where the target directory should be");

        var run = await harness.RunAsync("plan", "--sync", SyncHarness.HubSpotSync, "--target-path", "blocked/target");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Could not write blocked/target/sync_results.json", run.Stderr, StringComparison.Ordinal);
    }
}
