using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

public class SlidingLogPacerTests
{
    [Fact]
    public async Task No_window_of_the_documented_length_holds_more_than_the_documented_requests()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var pacer = new SlidingLogPacer(new RateLimit(3, TimeSpan.FromSeconds(1)), time);
        var sent = new List<DateTimeOffset>();

        var run = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                var slot = await pacer.WaitAsync(CancellationToken.None);
                sent.Add(time.GetUtcNow());
                slot.Complete();
            }
        });
        while (!run.IsCompleted)
        {
            await Task.Delay(1);
            time.Advance(TimeSpan.FromMilliseconds(10));
        }
        await run;

        Assert.Equal(10, sent.Count);
        foreach (var start in sent)
            Assert.True(sent.Count(t => t >= start && t < start + TimeSpan.FromSeconds(1)) <= 3, $"more than 3 requests in the second from {start:ss.fff}");
        Assert.True(sent[^1] - sent[0] < TimeSpan.FromSeconds(3.2), "pacing should not be slower than the limit needs");
    }

    [Fact]
    public async Task A_slot_is_only_free_a_window_after_its_request_completed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var pacer = new SlidingLogPacer(new RateLimit(1, TimeSpan.FromSeconds(1)), time);

        var first = await pacer.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5)); // a slow request: sent at 0 s, answered at 5 s
        first.Complete();
        var second = pacer.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(900));
        await Task.Delay(50);

        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(200));
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
