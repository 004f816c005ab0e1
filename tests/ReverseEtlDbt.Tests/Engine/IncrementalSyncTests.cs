using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>Only what changed in the model since the last acknowledged sync leaves the warehouse.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class IncrementalSyncTests
{
    [Fact]
    public async Task Second_run_sends_only_the_rows_changed_since()
    {
        await using var harness = await SyncHarness.StartAsync();
        var first = await harness.SyncAsync(SyncHarness.HubSpotSync);
        Assert.True(first.ExitCode == 0, first.ToString());
        var sentBefore = harness.Emulator.HubSpot.Requests.Count;

        await harness.ExecuteAsync("update main.customer_health set health_score = health_score + 1, tier = 'gold' where customer_id in (3, 17, 42)");
        var second = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(second.ExitCode == 0, second.ToString());
        var requests = harness.Emulator.HubSpot.Requests.Skip(sentBefore).ToList();
        Assert.Equal(3, requests.Sum(r => r.InputCount));
        Assert.All(requests, r => Assert.Equal(200, r.Status));
        var counts = harness.SyncResult(SyncHarness.HubSpotSync)["counts"]!;
        Assert.Equal(3, counts["changed"]!.GetValue<long>());
        Assert.Equal(0, counts["added"]!.GetValue<long>());
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
    }

    [Fact]
    public async Task Unchanged_model_sends_no_request_on_the_next_run()
    {
        await using var harness = await SyncHarness.StartAsync();
        Assert.Equal(0, (await harness.SyncAsync(SyncHarness.HubSpotSync)).ExitCode);
        var sentBefore = harness.Emulator.HubSpot.Requests.Count;

        var again = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(sentBefore, harness.Emulator.HubSpot.Requests.Count);
    }
}
