using ReverseEtlDbt.Cli.Commands;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// DESIGN §6: state for acknowledged batches is committed in grouped statements, never one DML per batch. Pinned for
/// a first sync of 10,000 rows to HubSpot (100 batches of 100): what it costs above a no-change sync.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GroupedStateCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_first_sync_of_ten_thousand_rows_commits_its_state_in_two_groups_not_a_hundred_batches()
    {
        var options = new EmulatorOptions();
        options.HubSpot.RateLimitRequests = 100_000; // 100 requests: the emulator's 10 s window is not the subject here
        await using var harness = await SyncHarness.StartAsync(options);
        await CustomerHealthRows.GrowAsync(harness, 10_000);
        await using var runtime = await RuntimeProject.PrepareAsync(
            new ProjectSettings { ProjectDir = harness.ProjectDir, Sync = [SyncHarness.HubSpotSync] }, Environment.GetEnvironmentVariable);
        // Groups by rows only (an hour is never reached), so the count does not depend on the machine's speed.
        var engineOptions = new EngineOptions { StateGrouping = StateGrouping.Default with { Interval = TimeSpan.FromHours(1) } };
        using var http = new HttpClient();
        var engine = new SyncEngine(new SyncEnvironment(runtime.OpenWarehouse, engineOptions, TimeProvider.System, NoProgress.Instance), http);

        var first = Assert.Single(await engine.RunAsync(runtime.Runnable, CancellationToken.None, CancellationToken.None));
        var idle = Assert.Single(await engine.RunAsync(runtime.Runnable, CancellationToken.None, CancellationToken.None));

        Assert.Equal((SyncStatus.Success, 10_000L, 100L), (first.Status, first.Counts.Added, first.Counts.Requests));
        Assert.Equal((SyncStatus.Success, 0L), (idle.Status, idle.Counts.Requests));
        output.WriteLine($"first sync: {first.Warehouse.Statements} statements; no-change sync: {idle.Warehouse.Statements}");
        Assert.Equal(11, idle.Warehouse.Statements);
        // Above a no-change sync: two pages of 5,000 rows read back; two groups of 5,000 rows, one upsert each; the first
        // group's clearing of rejected_rows and its check that none wait; the first sync pages the model by row id (one
        // probe) where the idle one made, counted and dropped a temporary table; the first sync records its mapping (the
        // idle one only reads it). One upsert per batch made it 105.
        Assert.Equal(2 + 2 + 2 + 1 - 3 + 1, first.Warehouse.Statements - idle.Warehouse.Statements);
        Assert.Equal(10_000, (await harness.SyncedKeysAsync(SyncHarness.HubSpotSync)).Count);
    }

    [Theory]
    [InlineData(SyncMode.Upsert, 1)]
    [InlineData(SyncMode.Insert, 3)]
    public async Task Insert_mode_keeps_one_state_commit_per_batch_where_other_modes_group_them(SyncMode mode, int upserts)
    {
        await using var harness = await SyncHarness.StartAsync();
        await CustomerHealthRows.GrowAsync(harness, 250);
        await using var runtime = await RuntimeProject.PrepareAsync(
            new ProjectSettings { ProjectDir = harness.ProjectDir, Sync = [SyncHarness.HubSpotSync] }, Environment.GetEnvironmentVariable);
        var plan = Assert.Single(runtime.Runnable);
        plan = plan with { Sync = plan.Sync with { Mode = mode } };
        var engineOptions = new EngineOptions { StateGrouping = StateGrouping.Default with { Interval = TimeSpan.FromHours(1) } };
        using var http = new HttpClient();
        var engine = new SyncEngine(new SyncEnvironment(runtime.OpenWarehouse, engineOptions, TimeProvider.System, NoProgress.Instance), http);

        var first = Assert.Single(await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None));

        Assert.Equal((SyncStatus.Success, 250L, 3L), (first.Status, first.Counts.Added, first.Counts.Requests));
        // The no-change sync's 11 less its temporary table (made, counted, dropped) plus the first sync's row id probe,
        // one page read back, the upserts of state, the first commit's clearing of rejected_rows and its check that none
        // wait, and the mapping recorded before anything is sent. A resent create may duplicate a record, so insert mode
        // keeps the window at one batch (docs/reliability.md).
        Assert.Equal(11 - 3 + 1 + 1 + upserts + 2 + 1, first.Warehouse.Statements);
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
    }
}
