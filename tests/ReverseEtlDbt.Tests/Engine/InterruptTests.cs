using System.Diagnostics;
using System.Globalization;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>Ctrl-C (SIGINT) and an orchestrator's SIGTERM stop a run after the batch in flight, with state and report consistent.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class InterruptTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Interrupted_run_commits_what_was_acknowledged_and_the_next_run_sends_the_rest(string signal)
    {
        var options = new EmulatorOptions();
        options.HubSpot.RateLimitRequests = 100_000;
        await using var harness = await SyncHarness.StartAsync(options);
        harness.Emulator.HubSpot.Faults.Latency = TimeSpan.FromMilliseconds(700);
        await CustomerHealthRows.GrowAsync(harness, 250);
        string[] sync = ["sync", "--project-dir", harness.ProjectDir, "--sync", SyncHarness.HubSpotSync];

        var child = RetlProcess.Start(harness, sync);
        var waited = Stopwatch.StartNew();
        while (harness.Emulator.HubSpot.CountRequests() == 0 && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
        using (var interrupt = Process.Start("kill", ["-s", signal, child.Id.ToString(CultureInfo.InvariantCulture)]))
            await interrupt.WaitForExitAsync();
        var stopped = await child.WaitAsync();

        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        var result = harness.SyncResult(SyncHarness.HubSpotSync);
        Assert.Equal("partial", result["status"]!.GetValue<string>());
        Assert.Contains(result["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "interrupted");
        var contacts = harness.Emulator.HubSpot.Records("contacts");
        var synced = await harness.SyncedKeysAsync(SyncHarness.HubSpotSync);
        Assert.InRange(contacts.Count, 100, 200);
        Assert.Equal(contacts.Count, synced.Count);
        Assert.Equal(contacts.Count, result["counts"]!["added"]!.GetValue<long>());

        harness.Emulator.HubSpot.Faults.Latency = TimeSpan.Zero;
        var sentBefore = harness.Emulator.HubSpot.Requests.Count;
        var rest = await harness.SyncAsync(SyncHarness.HubSpotSync);

        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal(250 - contacts.Count, harness.Emulator.HubSpot.Requests.Skip(sentBefore).Sum(r => r.InputCount));
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
    }
}
