using System.Diagnostics;
using System.Globalization;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// DESIGN §3 rules 8 and 9 through a whole run: a Retry-After past the bound fails its batch at once and the run ends
/// by itself; a stop ends a batch's wait at once; either way what was acknowledged is committed and the run leaves
/// a fresh sync_results.json.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DestinationWaitTests
{
    [Theory]
    [InlineData("Thu, 01 Jan 2099 00:00:00 GMT")]
    [InlineData("999999")]
    public async Task A_far_retry_after_fails_its_batch_at_once_and_the_run_ends_with_what_was_pushed(string retryAfter)
    {
        await using var harness = await StartAsync();
        var faults = harness.Emulator.HubSpot.Faults;
        faults.RetryAfterText = retryAfter;
        faults.QueuePasses(1); // the first batch goes through
        faults.QueueThrottling(1);
        WriteStaleResults(harness);

        var run = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.NotEqual("stale", harness.SyncResults()["metadata"]!["invocation_id"]!.GetValue<string>());
        var result = harness.SyncResult(SyncHarness.HubSpotSync);
        var error = Assert.Single(result["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "destination_error")!;
        Assert.Contains("Retry-After", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("max_retry_wait", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = harness.Emulator.HubSpot.Records("contacts").Count;
        Assert.InRange(stored, 100, 449); // the first batch, and those in flight beside the throttled one
        Assert.Equal(stored, (await harness.SyncedKeysAsync(SyncHarness.HubSpotSync)).Count);
    }

    [Fact]
    public async Task A_stop_during_a_long_retry_after_ends_the_run_at_once_committing_what_was_acknowledged()
    {
        await using var harness = await StartAsync();
        var hubSpot = harness.Emulator.HubSpot;
        hubSpot.Faults.RetryAfterText = "240"; // within the 300 s bound: the batch would wait
        hubSpot.Faults.QueuePasses(1);
        hubSpot.Faults.QueueThrottling(1);
        WriteStaleResults(harness);
        var child = RetlProcess.Start(harness, ["sync", "--project-dir", harness.ProjectDir, "--sync", SyncHarness.HubSpotSync]);
        await WaitForAsync(() => hubSpot.Requests.Any(r => r.Status == 429));

        var clock = Stopwatch.StartNew();
        using (var term = Process.Start("kill", ["-s", "TERM", child.Id.ToString(CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        var stopped = await child.WaitAsync();

        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"took {clock.Elapsed}");
        var result = harness.SyncResult(SyncHarness.HubSpotSync);
        Assert.Contains(result["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "interrupted");
        var stored = hubSpot.Records("contacts").Count;
        Assert.InRange(stored, 100, 449); // the first batch, and those in flight beside the throttled one
        Assert.Equal(stored, (await harness.SyncedKeysAsync(SyncHarness.HubSpotSync)).Count);

        hubSpot.Faults.RetryAfterText = null;
        var rest = await harness.SyncAsync(SyncHarness.HubSpotSync);
        Assert.True(rest.ExitCode == 0, rest.ToString());
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
    }

    private static async Task<SyncHarness> StartAsync()
    {
        var options = new EmulatorOptions();
        options.HubSpot.RateLimitRequests = 100_000;
        var harness = await SyncHarness.StartAsync(options);
        await CustomerHealthRows.GrowAsync(harness, 450);
        return harness;
    }

    private static void WriteStaleResults(SyncHarness harness)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(harness.SyncResultsPath)!);
        File.WriteAllText(harness.SyncResultsPath, """{"metadata": {"invocation_id": "stale"}, "results": []}""");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition()) await Task.Delay(10, patience.Token);
    }
}
