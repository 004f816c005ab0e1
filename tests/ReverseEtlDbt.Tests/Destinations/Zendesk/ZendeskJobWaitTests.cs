using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Tests.Support;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.Zendesk.ZendeskBatches;

namespace ReverseEtlDbt.Tests.Destinations.Zendesk;

/// <summary>
/// The wait for a job runs on the injected clock: bounded, backing off, and cancellable. The fake clock moves only
/// while the destination is waiting on it, by exactly the wait it started.
/// </summary>
public sealed class ZendeskJobWaitTests : IAsyncLifetime
{
    private readonly WaitingFakeTime time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
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
        // Polls after 1 s, then waits of 2 s, 4 s and the 3 s left of the bound: at 1, 3, 7 and 10 s.
        var polls = 0;
        foreach (var seconds in new[] { 1, 2, 4, 3 })
        {
            var wait = await time.NextWaitAsync(); // waiting again: every poll sent so far was answered
            Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
            Assert.Equal(polls, await LoggedPollsAsync(polls));
            time.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.Equal(polls, Polls); // not a moment early: the wait has not ended, so no poll can have gone out
            time.Advance(TimeSpan.FromMilliseconds(1));
            polls++;
        }

        var error = await Assert.ThrowsAsync<DestinationTransientException>(() => write.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("still 'working' after 10 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("job_timeout_seconds", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, await LoggedPollsAsync(4));
        Assert.Equal(TimeSpan.FromSeconds(10), time.GetUtcNow() - time.Start);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_a_job_stops_at_once()
    {
        await using var destination = Destination(host, time: time, pollSeconds: 1, jobTimeoutSeconds: 600);
        using var cancel = new CancellationTokenSource();

        var write = destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), cancel.Token);
        Assert.Equal(TimeSpan.FromSeconds(1), await time.NextWaitAsync());
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, Polls);
        Assert.Equal(time.Start, time.GetUtcNow());
    }

    /// <summary>
    /// The job polls in the emulator's log once it has logged <paramref name="expected"/> of them (it logs a request
    /// just after answering it). No further poll can arrive meanwhile: the destination is waiting on the fake clock.
    /// </summary>
    private async Task<int> LoggedPollsAsync(int expected)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Polls < expected && !patience.IsCancellationRequested) await Task.Delay(5, CancellationToken.None);
        return Polls;
    }
}
