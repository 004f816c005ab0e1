using System.Text.RegularExpressions;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>Rows a destination refuses are reported and kept out of state, so the next run retries exactly them.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class RejectedRowTests
{
    [GeneratedRegex("^[A-Za-z' -]+$")]
    private static partial Regex PlainName();

    [Fact]
    public async Task Multi_status_rejects_three_rows_exit_1_and_next_run_resends_only_those()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Emulator.HubSpot.Options.ValuePatterns["firstname"] = PlainName();
        await harness.ExecuteAsync("update main.customer_health set first_name = first_name || '#' || customer_id where customer_id in (4, 19, 33)");

        var first = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(first.ExitCode == 1, first.ToString());
        Assert.Contains(harness.Emulator.HubSpot.Requests, r => r.Status == 207);
        var result = harness.SyncResult(SyncHarness.HubSpotSync);
        Assert.Equal("partial", result["status"]!.GetValue<string>());
        Assert.Equal(3, result["counts"]!["rejected"]!.GetValue<long>());
        Assert.Equal(47, result["counts"]!["added"]!.GetValue<long>());
        var rejectedError = Assert.Single(result["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "rows_rejected")!;
        Assert.Equal(["19", "33", "4"], rejectedError["sample"]!.AsArray().Select(s => s!["primary_key"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(47, harness.Emulator.HubSpot.Records("contacts").Count);
        Assert.Equal(["19", "33", "4"],
            (await harness.QueryAsync("select primary_key from retl_state.rejected_rows order by 1")).Select(r => (string)r["primary_key"]!));

        // `retl state rejected` shows what waits, with the destination's reason and a masked sample.
        var pending = await harness.RunAsync("state", "rejected", "--output", "json");
        Assert.True(pending.ExitCode == 0, pending.ToString());
        var rows = System.Text.Json.Nodes.JsonNode.Parse(pending.Stdout)!.AsArray();
        Assert.Equal(["19", "33", "4"], rows.Select(r => r!["primary_key"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(rows, r =>
        {
            Assert.Equal(SyncHarness.HubSpotSync, r!["sync_id"]!.GetValue<string>());
            Assert.Equal(1, r["attempts"]!.GetValue<int>());
            Assert.Contains("firstname", r["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        var emails = (await harness.QueryAsync("select email from main.customer_health where customer_id in (4, 19, 33)")).Select(r => (string)r["email"]!);
        Assert.All(emails, email => Assert.DoesNotContain(email, pending.Stdout, StringComparison.Ordinal)); // PII stays masked
        var table = await harness.RunAsync("state", "rejected", "--sync", SyncHarness.AccountsSync);
        Assert.Contains("No rejected rows wait for a retry", table.Stdout, StringComparison.Ordinal);

        // The data is fixed in the next dbt build.
        await harness.ExecuteAsync("update main.customer_health set first_name = split_part(first_name, '#', 1) where customer_id in (4, 19, 33)");
        var sentBefore = harness.Emulator.HubSpot.Requests.Count;
        var second = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(3, harness.Emulator.HubSpot.Requests.Skip(sentBefore).Sum(r => r.InputCount));
        Assert.Equal(3, harness.SyncResult(SyncHarness.HubSpotSync)["counts"]!["added"]!.GetValue<long>());
        Assert.Empty(await harness.QueryAsync("select * from retl_state.rejected_rows"));
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
    }
}
