using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;

using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>The pacer on a fake clock that is advanced only while the pacer waits, by exactly the wait it asked for.</summary>
public class SlidingLogPacerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1); // answered at once: no latency, so no margin

    [Fact]
    public async Task Requests_go_in_bursts_of_the_documented_number_one_window_apart()
    {
        var time = new WaitingFakeTime(DateTimeOffset.UnixEpoch);
        using var pacer = new SlidingLogPacer(new RateLimit(3, TimeSpan.FromSeconds(1)), time);
        var sent = new List<TimeSpan>();

        var run = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                var slot = await pacer.WaitAsync(CancellationToken.None);
                sent.Add(time.GetUtcNow() - DateTimeOffset.UnixEpoch);
                slot.Complete();
            }
        });
        // Requests 4, 7 and 10 each find the log full and wait for the oldest slot to age one window.
        for (var wait = 0; wait < 3; wait++)
        {
            Assert.Equal(Window, await time.NextWaitAsync());
            time.Advance(Window);
        }
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        TimeSpan[] expected = [.. Enumerable.Range(0, 10).Select(i => Window * (i / 3))];
        Assert.Equal(expected, sent);
        foreach (var start in sent)
            Assert.True(sent.Count(t => t >= start && t < start + TimeSpan.FromSeconds(1)) <= 3, $"more than 3 requests in the second from {start}");
    }

    [Theory]
    [InlineData(40)]
    [InlineData(300)]
    [InlineData(900)]
    public async Task A_request_starts_one_window_plus_margin_after_the_Nth_earlier_start_however_long_that_one_took(int latencyMs)
    {
        var time = new WaitingFakeTime(DateTimeOffset.UnixEpoch);
        using var pacer = new SlidingLogPacer(new RateLimit(2, TimeSpan.FromSeconds(1)), time);
        var latency = TimeSpan.FromMilliseconds(latencyMs);

        var first = await pacer.WaitAsync(CancellationToken.None);
        var second = await pacer.WaitAsync(CancellationToken.None);
        time.Advance(latency);
        first.Complete();
        second.Complete();
        var third = pacer.WaitAsync(CancellationToken.None);

        // Both answered alike, so neither shows a delay: the margin is the floor plus a quarter of that round trip,
        // not the round trip itself (spacing from the answer would start the third at 1 s + latency).
        var margin = TransitMargin.Floor + latency * TransitMargin.JitterShare;
        Assert.Equal(TimeSpan.FromSeconds(1) + margin - latency, await time.NextWaitAsync());
        await AssertStartsAtAsync(time, third, TimeSpan.FromSeconds(1) + margin);
        Assert.True(margin < latency, $"margin {margin} is less than the latency {latency}");
    }

    [Fact]
    public async Task A_request_slower_than_the_fastest_keeps_its_extra_latency_as_margin()
    {
        var time = new WaitingFakeTime(DateTimeOffset.UnixEpoch);
        using var pacer = new SlidingLogPacer(new RateLimit(2, TimeSpan.FromSeconds(1)), time);

        var connecting = await pacer.WaitAsync(CancellationToken.None); // the run's first request, slowed by connecting
        var warm = await pacer.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(100));
        warm.Complete();
        time.Advance(TimeSpan.FromMilliseconds(400));
        connecting.Complete();
        var third = pacer.WaitAsync(CancellationToken.None);

        // It may have spent all of its extra 400 ms reaching the destination, so the third waits that out too.
        var margin = TimeSpan.FromMilliseconds(400) + TransitMargin.Floor + TimeSpan.FromMilliseconds(100) * TransitMargin.JitterShare;
        Assert.Equal(TimeSpan.FromSeconds(1) + margin - TimeSpan.FromMilliseconds(500), await time.NextWaitAsync());
        await AssertStartsAtAsync(time, third, TimeSpan.FromSeconds(1) + margin);
    }

    [Fact]
    public async Task The_margin_is_never_more_than_the_earlier_request_s_own_latency()
    {
        var time = new WaitingFakeTime(DateTimeOffset.UnixEpoch);
        using var pacer = new SlidingLogPacer(new RateLimit(1, TimeSpan.FromSeconds(1)), time);

        var first = await pacer.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(1)); // answered sooner than the floor: it arrived within that millisecond
        first.Complete();
        var second = pacer.WaitAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(1), await time.NextWaitAsync());
        await AssertStartsAtAsync(time, second, TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Each_slot_is_spaced_from_its_own_start_so_a_steady_stream_keeps_one_window_plus_margin_per_N()
    {
        var time = new WaitingFakeTime(DateTimeOffset.UnixEpoch);
        using var pacer = new SlidingLogPacer(new RateLimit(3, TimeSpan.FromSeconds(1)), time);
        var latency = TimeSpan.FromMilliseconds(200);
        var margin = TransitMargin.Floor + latency * TransitMargin.JitterShare;
        var starts = new List<TimeSpan>();

        // One request at a time, each answered after 200 ms: the fourth is spaced from the first's start, not from the
        // third's answer, and so on, so every third request a window plus the margin later.
        for (var i = 0; i < 9; i++)
        {
            var waiting = pacer.WaitAsync(CancellationToken.None);
            if (!waiting.IsCompleted) time.Advance(await time.NextWaitAsync());
            var slot = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
            starts.Add(time.GetUtcNow() - DateTimeOffset.UnixEpoch);
            time.Advance(latency);
            slot.Complete();
        }

        for (var i = 3; i < starts.Count; i++) Assert.Equal(starts[i - 3] + TimeSpan.FromSeconds(1) + margin, starts[i]);
        TimeSpan[] firstThree = [TimeSpan.Zero, latency, latency * 2]; // the log is not full yet: no wait
        Assert.Equal(firstThree, starts.Take(3));
    }

    private static async Task AssertStartsAtAsync(WaitingFakeTime time, Task<SlidingLogPacer.Slot> waiting, TimeSpan at)
    {
        time.Advance(at - (time.GetUtcNow() - DateTimeOffset.UnixEpoch) - TimeSpan.FromTicks(1));
        Assert.False(waiting.IsCompleted, "started before its time");
        time.Advance(TimeSpan.FromTicks(1));
        var slot = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(at, slot.StartedAt - DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task A_request_still_unanswered_holds_its_slot_until_it_is_answered()
    {
        var time = new WaitingFakeTime(DateTimeOffset.UnixEpoch);
        using var pacer = new SlidingLogPacer(new RateLimit(1, TimeSpan.FromSeconds(1)), time);

        var first = await pacer.WaitAsync(CancellationToken.None);
        var second = pacer.WaitAsync(CancellationToken.None);
        // Unanswered: the pacer cannot know when the window ends, so it looks again shortly, as often as needed.
        for (var i = 0; i < 3; i++)
        {
            var poll = await time.NextWaitAsync();
            Assert.True(poll > TimeSpan.Zero && poll < TimeSpan.FromMilliseconds(100), $"polls every {poll}");
            time.Advance(poll);
            Assert.False(second.IsCompleted);
        }
        // Answered while the pacer is in its next look: that look ends, then the pacer waits out the window from the
        // start, plus the margin for a request that took as long as this one (the only one, so also the fastest).
        var look = await time.NextWaitAsync();
        first.Complete();
        var latency = time.GetUtcNow() - first.StartedAt;
        time.Advance(look);
        var rest = await time.NextWaitAsync();
        Assert.Equal(first.StartedAt + Window + TransitMargin.WholeMilliseconds(TransitMargin.Floor + latency * TransitMargin.JitterShare), time.GetUtcNow() + rest);
        time.Advance(rest - TimeSpan.FromTicks(1));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
