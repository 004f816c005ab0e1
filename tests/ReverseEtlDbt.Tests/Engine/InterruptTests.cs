using System.Diagnostics;
using System.Globalization;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Emulators.Faults;
using ReverseEtlDbt.Emulators.HubSpot;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// Ctrl-C (SIGINT) and an orchestrator's SIGTERM stop a run after the batch in flight, with state and report consistent.
/// The emulator holds the first batch's request until retl has said it is stopping, so the batch in flight is exactly
/// the first one (the engine sends the first batch alone) whatever the machine's speed.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InterruptTests
{
    [Theory]
    [InlineData("INT", "Interrupted: stopping after the batch in flight")]
    [InlineData("TERM", "SIGTERM: stopping after the batch in flight")]
    public async Task Interrupted_run_commits_what_was_acknowledged_and_the_next_run_sends_the_rest(string signal, string stopping)
    {
        var options = new EmulatorOptions();
        options.HubSpot.RateLimitRequests = 100_000;
        await using var harness = await SyncHarness.StartAsync(options);
        var hubSpot = harness.Emulator.HubSpot;
        await CustomerHealthRows.GrowAsync(harness, 250);
        string[] sync = ["sync", "--project-dir", harness.ProjectDir, "--sync", SyncHarness.HubSpotSync];

        hubSpot.Faults.HoldRequests();
        var child = RetlProcess.Start(harness, sync);
        await WaitUntilHeldAsync(hubSpot.Faults);
        using (var interrupt = Process.Start("kill", ["-s", signal, child.Id.ToString(CultureInfo.InvariantCulture)]))
            await interrupt.WaitForExitAsync();
        await child.WaitForOutputAsync(stopping);
        hubSpot.Faults.ReleaseHeld();
        var stopped = await child.WaitAsync();

        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        var result = harness.SyncResult(SyncHarness.HubSpotSync);
        Assert.Equal("partial", result["status"]!.GetValue<string>());
        Assert.Contains(result["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "interrupted");
        var contacts = hubSpot.Records("contacts");
        Assert.Equal(100, contacts.Count); // the first batch, and nothing after it
        Assert.Equal(100, (await harness.SyncedKeysAsync(SyncHarness.HubSpotSync)).Count);
        Assert.Equal(100, result["counts"]!["added"]!.GetValue<long>());

        var rest = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal(250, await LoggedInputsAsync(hubSpot, 250)); // 100 in the interrupted run, the other 150 now: none twice
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
    }

    private static async Task WaitUntilHeldAsync(EmulatorFaults faults)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (faults.Held == 0) await Task.Delay(10, patience.Token);
    }

    /// <summary>The records sent in all logged requests, once at least <paramref name="expected"/> are (the emulator logs a request just after answering it).</summary>
    private static async Task<int> LoggedInputsAsync(HubSpotEmulator hubSpot, int expected)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (hubSpot.Requests.Sum(r => r.InputCount) < expected && !patience.IsCancellationRequested)
            await Task.Delay(10, CancellationToken.None);
        return hubSpot.Requests.Sum(r => r.InputCount);
    }
}
