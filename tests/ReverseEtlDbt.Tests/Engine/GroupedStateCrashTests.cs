using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Cli.Commands;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// Grouped state commits keep safety rule 3: a run that dies between the acknowledgement and the group's commit leaves
/// state at its last committed group, and the next run sends the rest exactly once; a stop signal commits the group
/// waiting. 1,000 rows in batches of 100, one batch at a time, groups of 300 rows; the clocks never reach the interval.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GroupedStateCrashTests
{
    private static readonly EngineOptions Options = new()
    {
        StateGrouping = new StateGrouping(300, TimeSpan.FromSeconds(5)), MaxBatchesInFlight = 1, RequestTimeout = TimeSpan.FromDays(1),
    };

    [Fact]
    public async Task A_run_frozen_before_its_group_is_committed_leaves_the_committed_groups_and_the_next_run_sends_the_rest_once()
    {
        await using var harness = await SyncHarness.StartAsync();
        await CustomerHealthRows.GrowAsync(harness, 1_000);
        await using var runtime = await RuntimeAsync(harness);
        var plan = Assert.Single(runtime.Runnable);
        var start = DateTimeOffset.UtcNow;
        using var http = new HttpClient();

        // The fifth request never returns until the test ends: from outside, the run is as dead as after kill -9.
        var crashed = new RecordingFactory(plan.Factory, freezeAt: 5);
        using var abort = new CancellationTokenSource();
        var crashedEngine = new SyncEngine(new SyncEnvironment(runtime.OpenWarehouse, Options with { LockHolder = "crashed:1" },
            new FakeTimeProvider(start), NoProgress.Instance), http);
        var frozen = crashedEngine.RunAsync([plan with { Factory = crashed }], CancellationToken.None, abort.Token);
        await crashed.Frozen.WaitAsync(TimeSpan.FromMinutes(1));

        var acknowledged = crashed.Sent.Take(4).SelectMany(b => b).ToList();
        Assert.Equal(400, acknowledged.Count);
        Assert.Equal(400, harness.Emulator.HubSpot.Records("contacts").Count);
        // Batches 1-3 filled a group and were committed; batch 4 was acknowledged and waits in the dead run's memory.
        Assert.Equal(acknowledged.Take(300).Order(), (await harness.SyncedKeysAsync(plan.Sync.Id)).Order());

        // The next run, once the dead run's lease has lapsed.
        var rerun = new RecordingFactory(plan.Factory, freezeAt: 0);
        var next = Assert.Single(await new SyncEngine(new SyncEnvironment(runtime.OpenWarehouse, Options,
            new FakeTimeProvider(start + TimeSpan.FromMinutes(11)), NoProgress.Instance), http)
            .RunAsync([plan with { Factory = rerun }], CancellationToken.None, CancellationToken.None));

        Assert.Equal((SyncStatus.Success, 700L), (next.Status, next.Counts.Added));
        var resent = rerun.Sent.SelectMany(b => b).ToList();
        Assert.Equal(resent.Count, resent.Distinct().Count());
        var model = (await harness.QueryAsync("select customer_id from main.customer_health")).Select(r => r["customer_id"]!.ToString()!);
        Assert.Equal(model.Except(acknowledged.Take(300)).Order(), resent.Order()); // batch 4 again, and the 600 never sent
        Assert.Equal(1_000, (await harness.SyncedKeysAsync(plan.Sync.Id)).Count);
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);

        await abort.CancelAsync();
        Assert.Contains(Assert.Single(await frozen).Errors, e => e.Code == OutcomeCode.Interrupted);
    }

    [Fact]
    public async Task A_stop_signal_commits_the_group_waiting_before_the_run_ends()
    {
        await using var harness = await SyncHarness.StartAsync();
        await CustomerHealthRows.GrowAsync(harness, 1_000);
        await using var runtime = await RuntimeAsync(harness);
        var plan = Assert.Single(runtime.Runnable);
        using var stop = new CancellationTokenSource();
        // The fifth request is sent, then the signal comes: it is answered, and no request follows it.
        var factory = new RecordingFactory(plan.Factory, freezeAt: 0) { StopAt = (5, stop) };
        using var http = new HttpClient();

        var outcome = Assert.Single(await new SyncEngine(new SyncEnvironment(runtime.OpenWarehouse, Options,
            new FakeTimeProvider(DateTimeOffset.UtcNow), NoProgress.Instance), http).RunAsync([plan with { Factory = factory }], stop.Token, CancellationToken.None));

        Assert.Equal(SyncStatus.Partial, outcome.Status);
        Assert.Contains(outcome.Errors, e => e.Code == OutcomeCode.Interrupted);
        Assert.Equal(500L, outcome.Counts.Added);
        // 300 in the full group; 200 waiting when the signal came, committed before the run closed.
        Assert.Equal(factory.Sent.SelectMany(b => b).Order(), (await harness.SyncedKeysAsync(plan.Sync.Id)).Order());
    }

    private static Task<RuntimeProject> RuntimeAsync(SyncHarness harness) => RuntimeProject.PrepareAsync(
        new ProjectSettings { ProjectDir = harness.ProjectDir, Sync = [SyncHarness.HubSpotSync] }, Environment.GetEnvironmentVariable);

    /// <summary>Records the keys of every batch written; the <c>freezeAt</c>-th write never returns (until cancelled).</summary>
    private sealed class RecordingFactory(IDestinationFactory inner, int freezeAt) : WrappingDestinationFactory(inner)
    {
        private readonly TaskCompletionSource frozen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<List<string>> sent = [];

        private int FreezeAt => freezeAt;

        public (int Write, CancellationTokenSource Signal)? StopAt { get; init; }
        public Task Frozen => frozen.Task;
        public IReadOnlyList<List<string>> Sent
        {
            get { lock (sent) return sent.ToList(); }
        }

        protected override IDestination Wrap(IDestination destination) => new Recording(destination, this);

        private sealed class Recording(IDestination inner, RecordingFactory factory) : IDestination
        {
            public async Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken)
            {
                int write;
                lock (factory.sent) write = factory.sent.Count + 1;
                if (write == factory.FreezeAt)
                {
                    factory.frozen.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                if (factory.StopAt is { } stopAt && write == stopAt.Write) await stopAt.Signal.CancelAsync();
                var result = await inner.WriteAsync(batch, cancellationToken);
                lock (factory.sent) factory.sent.Add(batch.Changes.Select(c => c.PrimaryKey).ToList());
                return result;
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
