using ReverseEtlDbt.Tests.Support;
using System.Text.Json.Nodes;
using Xunit;

namespace ReverseEtlDbt.Tests.Cli;

[Collection(CliEnvironmentCollection.Name)]
public sealed class StateCommandTests : IDisposable
{
    private readonly PlanExample example = new();

    public void Dispose() => example.Dispose();

    [Fact]
    public async Task State_reset_requires_yes_when_not_interactive()
    {
        await example.SyncAsync(PlanExample.HubSpotSync);

        var run = await example.RunAsync("state", "reset", "--sync", PlanExample.HubSpotSync);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--yes", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(50L, Convert.ToInt64(example.Scalar("SELECT COUNT(*) FROM retl_state.synced_rows")));
    }

    [Fact]
    public async Task State_reset_forgets_the_sync()
    {
        await example.SyncAsync(PlanExample.HubSpotSync);

        var reset = await example.RunAsync("state", "reset", "--sync", PlanExample.HubSpotSync, "--yes");
        var plan = await example.RunAsync("plan", "--sync", PlanExample.HubSpotSync);

        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Equal(0L, Convert.ToInt64(example.Scalar("SELECT COUNT(*) FROM retl_state.synced_rows")));
        Assert.Equal(50, PlanExample.Result(example.SyncResults(), PlanExample.HubSpotSync)["counts"]!["added"]!.GetValue<long>());
        Assert.Equal(0, plan.ExitCode);
    }

    [Fact]
    public async Task State_reset_of_an_unknown_sync_lists_the_known_ids()
    {
        var run = await example.RunAsync("state", "reset", "--sync", "no_such_sync", "--yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown sync 'no_such_sync'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(PlanExample.HubSpotSync, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(PlanExample.TiersSync, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_show_lists_rows_and_last_run()
    {
        await example.SyncAsync(PlanExample.HubSpotSync);

        var table = await example.RunAsync("state", "show");
        var json = await example.RunAsync("state", "show", "--output", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(PlanExample.HubSpotSync + @"\s+50\s+success\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+50\s+0\s+0\s+0\s+0\s+0", table.Stdout);
        Assert.Matches(PlanExample.TiersSync + @"\s+0\s+never", table.Stdout);
        var lines = JsonNode.Parse(json.Stdout)!.AsArray();
        Assert.Equal(7, lines.Count);
        var synced = lines.Single(l => l!["sync_id"]!.GetValue<string>() == PlanExample.HubSpotSync)!;
        Assert.Equal(50, synced["rows_in_state"]!.GetValue<long>());
        Assert.Equal(0, synced["rejected_pending"]!.GetValue<long>());
        Assert.Equal("success", synced["last_run"]!["status"]!.GetValue<string>());
        Assert.Equal(50, synced["last_run"]!["counts"]!["added"]!.GetValue<long>());
        Assert.Null(lines.Single(l => l!["sync_id"]!.GetValue<string>() == PlanExample.TiersSync)!["last_run"]);
    }

    [Fact]
    public async Task State_show_before_any_sync_creates_nothing()
    {
        var run = await example.RunAsync("state", "show", "--sync", PlanExample.HubSpotSync);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(PlanExample.HubSpotSync + @"\s+0\s+never", run.Stdout);
        Assert.DoesNotContain(PlanExample.TiersSync, run.Stdout, StringComparison.Ordinal);
        Assert.False(example.StateSchemaExists());
    }
}
