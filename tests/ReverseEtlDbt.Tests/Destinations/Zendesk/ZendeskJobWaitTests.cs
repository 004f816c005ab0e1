using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Emulators;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.Zendesk.ZendeskBatches;

namespace ReverseEtlDbt.Tests.Destinations.Zendesk;

/// <summary>The wait for a job runs on the injected clock: bounded, backing off, and cancellable.</summary>
public sealed class ZendeskJobWaitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private EmulatorHost host = null!;

    public async Task InitializeAsync()
    {
        host = await EmulatorHost.StartAsync(Options(), CancellationToken.None);
        host.Zendesk.Options.HoldJobs = true;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private int Polls => host.Zendesk.Requests.Count(r => r.Path.StartsWith("/api/v2/job_statuses/", StringComparison.Ordinal));

    [Fact]
    public async Task A_stuck_job_is_given_up_after_job_timeout_with_polls_at_doubling_intervals()
    {
        await using var destination = Destination(host, time: time, pollSeconds: 1, jobTimeoutSeconds: 10);

        var write = destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None);
        await Settled(() => host.Zendesk.Requests.Count == 1);
        // Polls after 1 s, then waits of 2 s, 4 s and the 3 s left of the bound: at 1, 3, 7 and 10 s.
        var polls = 0;
        foreach (var wait in new[] { 1, 2, 4, 3 })
        {
            time.Advance(TimeSpan.FromSeconds(wait - 0.001));
            await Task.Delay(50);
            Assert.Equal(polls, Polls); // not a moment early
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Settled(() => Polls == polls + 1);
            Assert.Equal(++polls, Polls);
        }

        var error = await Assert.ThrowsAsync<DestinationTransientException>(() => write.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("still 'working' after 10 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("job_timeout_seconds", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, Polls);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_a_job_stops_at_once()
    {
        await using var destination = Destination(host, time: time, pollSeconds: 1, jobTimeoutSeconds: 600);
        using var cancel = new CancellationTokenSource();

        var write = destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), cancel.Token);
        await Settled(() => host.Zendesk.Requests.Count == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, Polls);
    }

    /// <summary>Until <paramref name="condition"/> holds, then a moment for the destination to arm its next wait on the fake clock.</summary>
    private static async Task Settled(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(5);
        await Task.Delay(50);
    }
}
