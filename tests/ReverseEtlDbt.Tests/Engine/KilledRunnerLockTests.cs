using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>The one-writer lock, seen from the command line.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class KilledRunnerLockTests
{
    [Fact]
    public async Task Lease_left_by_a_killed_runner_does_not_block_the_next_run()
    {
        await using var harness = await SyncHarness.StartAsync();
        Assert.Equal(0, (await harness.SyncAsync(SyncHarness.HubSpotSync)).ExitCode); // creates the state schema
        await harness.ExecuteAsync($"""
            insert into retl_state.locks (sync_id, holder, acquired_at, expires_at)
            values ('{SyncHarness.HubSpotSync}', '{Environment.MachineName}:{int.MaxValue}', now()::timestamp, now()::timestamp + interval 10 minute)
            """);
        await harness.ExecuteAsync("update main.customer_health set tier = 'gold' where customer_id = 1");

        var run = await RetlProcess.Start(harness, ["sync", "--project-dir", harness.ProjectDir, "--sync", SyncHarness.HubSpotSync]).WaitAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
    }
}
