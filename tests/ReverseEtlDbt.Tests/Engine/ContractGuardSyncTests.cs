using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>The runtime contract guard stops a sync whose relation no longer matches its contract, before any request.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ContractGuardSyncTests
{
    [Fact]
    public async Task Contract_change_stops_the_sync_before_any_request()
    {
        await using var harness = await SyncHarness.StartAsync();
        await harness.ExecuteAsync("alter table main.customer_health rename column tier to account_tier");

        var run = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(0, harness.Emulator.HubSpot.CountRequests());
        Assert.Equal(0, harness.Emulator.Webhook.CountRequests());
        var result = harness.SyncResult(SyncHarness.HubSpotSync);
        Assert.Equal("error", result["status"]!.GetValue<string>());
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal("contract_mismatch", error["code"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.Contains("Compilation Error in model customer_health", message, StringComparison.Ordinal);
        Assert.Contains("| column_name | definition_type | contract_type | mismatch_reason", message, StringComparison.Ordinal);
        Assert.Matches(@"\| tier +\| +\| varchar +\| missing in definition \(renamed to account_tier\?\) +\|", message);
        Assert.Contains("Compilation Error in model customer_health", run.Output, StringComparison.Ordinal);
        Assert.Empty(await harness.SyncedKeysAsync(SyncHarness.HubSpotSync));
    }
}
