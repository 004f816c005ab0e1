using System.Diagnostics;
using System.Globalization;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Emulators.HubSpot;
using ReverseEtlDbt.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// Safety rule 3 with real processes: <c>retl sync</c> killed with SIGKILL, the model changing between some runs, then
/// one clean run. The destination must end up holding exactly the model, once each. Odd runs die while their first
/// request is held by the emulator (provably in flight); even runs at a moment drawn from a fixed seed, anywhere from
/// start-up to the end, so where they die depends on the machine's speed but nothing asserted does.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    /// <summary>24 runs in CI; <c>RETL_CRASH_ITERATIONS</c> raises it for the soak (bench/crash-soak.sh).</summary>
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("RETL_CRASH_ITERATIONS"), out var n) && n >= 24 ? n : 24;

    [Fact]
    public async Task Killed_runs_lose_nothing_and_duplicate_nothing()
    {
        var options = new EmulatorOptions();
        options.HubSpot.RateLimitRequests = 100_000; // many short runs in a row: the emulator's 10 s window is not the subject here
        await using var harness = await SyncHarness.StartAsync(options);
        harness.Emulator.HubSpot.Faults.Latency = TimeSpan.FromMilliseconds(250);
        await CustomerHealthRows.GrowAsync(harness, 250);
        // Fixed, so every run of the test makes the same model changes and draws the same kill moments; the soak varies it.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RETL_CRASH_SEED"), out var chosenSeed) ? chosenSeed : 20261125;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var hubSpot = harness.Emulator.HubSpot;
        var (killedInFlight, killedAnywhere, finished) = (0, 0, 0);

        for (var i = 0; i < Iterations; i++)
        {
            if (i % 4 != 0) await ChangeModelAsync(harness, random, i);
            var sentBefore = hubSpot.CountRequests();
            var inFlight = i % 2 == 1; // odd runs always follow a model change, so they always have a batch to send
            if (inFlight) hubSpot.Faults.HoldRequests();
            var child = RetlProcess.Start(harness, ["sync", "--project-dir", harness.ProjectDir, "--sync", SyncHarness.HubSpotSync]);
            var killed = inFlight
                ? await child.KillWhenAsync(() => hubSpot.Faults.Held > 0, TimeSpan.Zero)
                : await child.KillWhenAsync(() => true, TimeSpan.FromMilliseconds(random.Next(100, 1600)));
            if (inFlight)
            {
                Assert.True(killed, $"seed {seed}: run {i} ended before its held request was answered");
                killedInFlight++;
                hubSpot.Faults.ReleaseHeld();
                await LoggedAsync(hubSpot, sentBefore + 1); // the held request, aborted, is logged before the next run
            }
            else if (killed) killedAnywhere++;
            else finished++;
        }
        output.WriteLine($"seed {seed}: {killedInFlight} killed with a request in flight, {killedAnywhere} killed at a drawn moment, " +
                         $"{finished} finished on their own, {hubSpot.CountRequests()} requests, {clock.Elapsed.TotalSeconds:F1} s");

        var final = await RetlProcess.Start(harness, ["sync", "--project-dir", harness.ProjectDir, "--sync", SyncHarness.HubSpotSync]).WaitAsync();
        Assert.True(final.ExitCode == 0, $"seed {seed}: final run\n{final}");

        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
        var model = await harness.QueryAsync("select customer_id, email from main.customer_health");
        var synced = await harness.SyncedKeysAsync(SyncHarness.HubSpotSync);
        Assert.Equal(model.Select(r => Convert.ToString(r["customer_id"], CultureInfo.InvariantCulture)!).Order(), synced.Order());

        // State agrees with the destination row for row: one more run finds nothing to send.
        var sentByTheFinalRun = hubSpot.CountRequests();
        var idle = await RetlProcess.Start(harness, ["sync", "--project-dir", harness.ProjectDir, "--sync", SyncHarness.HubSpotSync]).WaitAsync();
        Assert.True(idle.ExitCode == 0, idle.ToString());
        Assert.Equal(sentByTheFinalRun, hubSpot.CountRequests());
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task LoggedAsync(HubSpotEmulator hubSpot, int requests)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (hubSpot.CountRequests() < requests) await Task.Delay(10, patience.Token);
    }

    /// <summary>A new "dbt build": some scores change, a few customers arrive.</summary>
    private static async Task ChangeModelAsync(SyncHarness harness, Random random, int iteration)
    {
        var offset = random.Next(0, 200);
        await harness.ExecuteAsync($"""
            update main.customer_health set health_score = (health_score + {iteration}) % 101,
              tier = case when tier = 'gold' then 'silver' else 'gold' end
            where customer_id % 3 = {iteration % 3} or (customer_id >= {1000 + offset} and customer_id < {1060 + offset});
            insert into main.customer_health
            select 5000 + {iteration} * 10 + i, 'new' || {iteration} || '-' || i || '@example.com', 'New', 10, 'bronze', 0.0, null
            from range(4) t(i)
            """);
    }
}
