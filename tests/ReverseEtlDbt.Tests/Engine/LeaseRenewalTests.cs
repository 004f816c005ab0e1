using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Cli.Commands;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>A run longer than the DuckDB lock lease keeps its lock: the engine renews the lease as batches complete.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class LeaseRenewalTests
{
    [Fact]
    public async Task Run_longer_than_the_lease_keeps_its_lock_between_batches()
    {
        await using var harness = await SyncHarness.StartAsync();
        await CustomerHealthRows.GrowAsync(harness, 250);
        await using var runtime = await RuntimeProject.PrepareAsync(
            new ProjectSettings { ProjectDir = harness.ProjectDir, Sync = [SyncHarness.HubSpotSync] }, Environment.GetEnvironmentVariable);
        var plan = Assert.Single(runtime.Runnable);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var intruder = new LockIntruder(runtime.OpenWarehouse, plan.Sync.Id, time);
        // Every batch takes 6 minutes of the fake clock, so three batches outlast the 10 minute lease.
        var slow = plan with { Factory = new ClockAdvancingFactory(plan.Factory, time, TimeSpan.FromMinutes(6), intruder.TryTakeAsync) };
        // The fake clock must not time requests out; one batch at a time, as the fake clock adds up each batch's minutes.
        var options = new EngineOptions { RequestTimeout = TimeSpan.FromDays(1), MaxBatchesInFlight = 1 };

        using var http = new HttpClient();
        var outcome = Assert.Single(await new SyncEngine(new SyncEnvironment(runtime.OpenWarehouse, options, time, NoProgress.Instance), http)
            .RunAsync([slow], CancellationToken.None, CancellationToken.None));

        Assert.Equal(SyncStatus.Success, outcome.Status);
        Assert.Equal([false, false, false], intruder.Attempts);
        await HubSpotExpectations.AssertContactsEqualModelAsync(harness);
    }

    /// <summary>A second runner trying to take the sync's lock while a batch is in flight.</summary>
    private sealed class LockIntruder(Func<CancellationToken, Task<ReverseEtlDbt.Warehouse.IWarehouse>> open, string syncId, TimeProvider time)
    {
        public List<bool> Attempts { get; } = [];

        public async Task TryTakeAsync()
        {
            await using var warehouse = await open(CancellationToken.None);
            try
            {
                var ledger = await LedgerSchema.ReadAsync(warehouse, LedgerSchema.DefaultName, CancellationToken.None);
                await using var taken = await SyncLock.AcquireAsync(warehouse, ledger, syncId, "intruder:1", time, CancellationToken.None);
                Attempts.Add(true);
            }
            catch (SyncLockedException)
            {
                Attempts.Add(false);
            }
        }
    }

    private sealed class ClockAdvancingFactory(IDestinationFactory inner, FakeTimeProvider time, TimeSpan perBatch, Func<Task> during)
        : WrappingDestinationFactory(inner)
    {
        protected override IDestination Wrap(IDestination destination) => new ClockAdvancingDestination(destination, time, perBatch, during);
    }

    private sealed class ClockAdvancingDestination(IDestination inner, FakeTimeProvider time, TimeSpan perBatch, Func<Task> during) : IDestination
    {
        public async Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken)
        {
            time.Advance(perBatch);
            await during();
            return await inner.WriteAsync(batch, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
