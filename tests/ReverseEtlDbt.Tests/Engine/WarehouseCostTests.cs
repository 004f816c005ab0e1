using System.Text.Json.Nodes;
using ReverseEtlDbt.Tests.Support;
using Snapshooter.Xunit;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// What a sync spent in the warehouse, per sync in <c>sync_results.json</c>, the summary and JSON logs: on a cloud
/// warehouse every statement is money, so the count is pinned exactly for the example's no-change run.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WarehouseCostTests
{
    [Fact]
    public async Task A_no_change_sync_reports_exactly_the_statements_it_ran()
    {
        await using var harness = await SyncHarness.StartAsync();
        var first = await harness.SyncAsync(SyncHarness.HubSpotSync);
        var firstCost = harness.SyncResult(SyncHarness.HubSpotSync)["warehouse"]!;
        var requests = harness.Emulator.HubSpot.CountRequests();

        var again = await harness.SyncAsync(SyncHarness.HubSpotSync);
        var result = harness.SyncResult(SyncHarness.HubSpotSync);

        Assert.True(first.ExitCode == 0 && again.ExitCode == 0, first.ToString() + again);
        Assert.Equal(requests, harness.Emulator.HubSpot.CountRequests());
        Assert.Equal(0, result["counts"]!["requests"]!.GetValue<long>());
        var cost = result["warehouse"]!;
        // The guard's columns; lock taken (one statement, RETURNING its holder); run started; the mapping read (unchanged: nothing written);
        // the key's constraint; the sync's rows in state counted (none: a first sync pages from the model); the diff (the one scan of model
        // and state) into a temporary table; its counts; the table dropped; run ended; lock released.
        Assert.Equal(11, cost["statements"]!.GetValue<long>());
        Assert.True(cost["seconds"]!.GetValue<double>() > 0, cost.ToJsonString());
        // The first run read its 50 changed rows back as well (plus each commit's statements).
        Assert.True(firstCost["rows_read"]!.GetValue<long>() >= 50 + cost["rows_read"]!.GetValue<long>(), firstCost.ToJsonString());
        Assert.True(firstCost["statements"]!.GetValue<long>() > cost["statements"]!.GetValue<long>(), firstCost.ToJsonString());
        Assert.Contains("Warehouse: 11 statements,", again.Stdout, StringComparison.Ordinal);
        Snapshot.Match(Shape(cost));
    }

    [Fact]
    public async Task Batches_answered_within_seconds_cost_one_state_statement_together_when_no_row_waits_in_rejected_rows()
    {
        await using var harness = await SyncHarness.StartAsync(editProject: dir =>
        {
            var connections = Path.Combine(dir, "retl_connections.yml");
            File.WriteAllText(connections, File.ReadAllText(connections).Replace("batch_size: 100", "batch_size: 2", StringComparison.Ordinal));
        });

        var first = await harness.SyncAsync(SyncHarness.AccountsSync);
        var sent = harness.SyncResult(SyncHarness.AccountsSync);
        var again = await harness.SyncAsync(SyncHarness.AccountsSync);
        var idle = harness.SyncResult(SyncHarness.AccountsSync);

        Assert.True(first.ExitCode == 0 && again.ExitCode == 0, first.ToString() + again);
        var batches = sent["counts"]!["requests"]!.GetValue<long>();
        Assert.True(batches >= 3, sent.ToJsonString());
        var extra = sent["warehouse"]!["statements"]!.GetValue<long>() - idle["warehouse"]!["statements"]!.GetValue<long>();
        // One page read; one upsert for every batch together, one group committed at the end (the lease is extended only
        // once a third of it has passed), with that group's clearing of rejected_rows and its check that none wait. The
        // first sync pages from the model (a row id probe) where the idle one made, counted and dropped a temporary table,
        // and records its mapping, which the idle one only reads. Before grouped commits (DESIGN §6) it was one upsert per
        // batch: 1 + batches + 2 + 1 - 3 + 1.
        Assert.Equal(1 + 1 + 2 + 1 - 3 + 1, extra);
    }

    [Fact]
    public async Task Json_logs_carry_each_syncs_cost()
    {
        await using var harness = await SyncHarness.StartAsync();

        var run = await harness.RunAsync("sync", "--sync", SyncHarness.HubSpotSync, "--log-format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var finished = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Single(l => l["code"]?.GetValue<string>() == "sync_finished");
        var logged = finished["data"]!["warehouse"]!;
        var recorded = harness.SyncResult(SyncHarness.HubSpotSync)["warehouse"]!;
        Assert.Equal(recorded["statements"]!.GetValue<long>(), logged["statements"]!.GetValue<long>());
        Assert.Equal(recorded["rows_read"]!.GetValue<long>(), logged["rows_read"]!.GetValue<long>());
    }

    /// <summary>The cost object with its one varying figure replaced.</summary>
    private static string Shape(JsonNode cost)
    {
        var copy = JsonNode.Parse(cost.ToJsonString())!;
        copy["seconds"] = "<seconds>";
        return copy.ToJsonString();
    }
}
