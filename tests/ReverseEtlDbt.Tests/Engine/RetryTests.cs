using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>Throttling and server errors are waited out and retried; a retry never duplicates a record.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class RetryTests
{
    [Fact]
    public async Task Rate_limited_batch_is_retried_after_retry_after_and_nothing_is_duplicated()
    {
        await using var harness = await SyncHarness.StartAsync();
        await CustomerHealthRows.GrowAsync(harness, 250);
        var faults = harness.Emulator.HubSpot.Faults;
        faults.RetryAfter = TimeSpan.FromSeconds(1);
        faults.QueueThrottling(3);

        var run = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(run.ExitCode == 0, run.ToString());
        var requests = harness.Emulator.HubSpot.Requests.OrderBy(r => r.At).ToList();
        Assert.Equal(3, requests.Count(r => r.Status == 429));
        Assert.Equal(3, requests.Count(r => r.Status == 200));
        // Each retry came no sooner than the Retry-After second (the emulator logs when it answered).
        for (var i = 1; i <= 3; i++)
            Assert.True(requests[i].At - requests[i - 1].At >= TimeSpan.FromMilliseconds(900),
                $"request {i} came {(requests[i].At - requests[i - 1].At).TotalMilliseconds} ms after a 429 with Retry-After: 1");
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);

        var result = harness.SyncResult(SyncHarness.HubSpotSync);
        Assert.Equal("success", result["status"]!.GetValue<string>());
        Assert.Equal(3, result["counts"]!["retries"]!.GetValue<long>());
        Assert.Equal(6, result["counts"]!["requests"]!.GetValue<long>());
        Assert.Equal(250, result["counts"]!["added"]!.GetValue<long>());
    }

    [Fact]
    public async Task Used_up_daily_limit_stops_the_sync_at_once_and_the_next_day_sends_the_rest()
    {
        var options = new ReverseEtlDbt.Emulators.EmulatorOptions();
        options.HubSpot.DailyLimit = 2;
        options.HubSpot.RateLimitRequests = 100_000;
        await using var harness = await SyncHarness.StartAsync(options);
        await CustomerHealthRows.GrowAsync(harness, 450);

        var run = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(run.ExitCode == 1, run.ToString());
        var statuses = harness.Emulator.HubSpot.Requests.Select(r => r.Status).ToList();
        Assert.Equal(2, statuses.Count(s => s == 200));
        Assert.InRange(statuses.Count(s => s == 429), 1, 3); // at most the batches already in flight, each once
        var result = harness.SyncResult(SyncHarness.HubSpotSync);
        Assert.Equal(0, result["counts"]!["retries"]!.GetValue<long>()); // not retried: waiting cannot help before midnight
        var error = Assert.Single(result["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "destination_error")!;
        Assert.Contains("daily API limit is used up", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        // The two acknowledged batches are kept: the first (100 rows, it goes alone) and whichever in-flight batch the
        // emulator answered next, a full one (100) or the last, partial one (50): 450 rows make 4 × 100 + 50.
        var synced = (await harness.SyncedKeysAsync(SyncHarness.HubSpotSync)).Count;
        Assert.Contains(synced, new[] { 150, 200 });
        Assert.Equal(synced, harness.Emulator.HubSpot.Records("contacts").Count);

        options.HubSpot.DailyLimit = null; // a new day
        var next = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal(450 - synced, harness.SyncResult(SyncHarness.HubSpotSync)["counts"]!["added"]!.GetValue<long>());
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
    }
}

/// <summary>Every wait is bounded (DESIGN §3 rule 8): a Retry-After past the connection's max_retry_wait fails its batch at once.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BoundedRetryWaitTests
{
    [Theory]
    [InlineData(999_999.0)]          // seconds
    [InlineData(8_640_000.0)]        // 100 days: past what a timer can even hold (Task.Delay tops out at ~49.7 days)
    public async Task A_retry_after_past_the_bound_fails_the_batch_at_once_and_the_run_ends_by_itself(double seconds)
    {
        await using var harness = await SyncHarness.StartAsync();
        var faults = harness.Emulator.Webhook.Faults;
        faults.RetryAfter = TimeSpan.FromSeconds(seconds);
        faults.QueueThrottling(1);

        var run = await harness.SyncAsync(SyncHarness.AccountsSync);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(1, harness.Emulator.Webhook.CountRequests(429));
        var result = harness.SyncResult(SyncHarness.AccountsSync);
        Assert.Equal(0, result["counts"]!["retries"]!.GetValue<long>());
        var error = Assert.Single(result["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "destination_error")!;
        Assert.Contains("max_retry_wait", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Retry-After", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
