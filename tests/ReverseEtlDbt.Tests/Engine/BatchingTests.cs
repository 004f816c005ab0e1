using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>The engine cuts the diff into batches of the destination's documented size.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BatchingTests
{
    [Fact]
    public async Task Two_hundred_fifty_rows_go_out_as_three_hubspot_requests()
    {
        await using var harness = await SyncHarness.StartAsync();
        await CustomerHealthRows.GrowAsync(harness, 250);

        var run = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(run.ExitCode == 0, run.ToString());
        var requests = harness.Emulator.HubSpot.Requests;
        Assert.Equal([100, 100, 50], requests.Select(r => r.InputCount).Order().Reverse());
        Assert.All(requests, r => Assert.Equal(("upsert", 200), (r.Operation, r.Status)));
        Assert.Equal(3, harness.SyncResult(SyncHarness.HubSpotSync)["counts"]!["requests"]!.GetValue<long>());
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
        Assert.Equal(250, (await harness.SyncedKeysAsync(SyncHarness.HubSpotSync)).Count);
    }
}
