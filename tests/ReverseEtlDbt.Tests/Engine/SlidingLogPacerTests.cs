using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;

using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>The pacer on a fake clock that is advanced only while the pacer waits, by exactly the wait it asked for.</summary>
public class SlidingLogPacerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1) * 1.01; // the documented second plus the pacer's 1 %

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

    [Fact]
    public async Task A_slot_is_only_free_a_window_after_its_request_completed()
    {
        var time = new WaitingFakeTime(DateTimeOffset.UnixEpoch);
        using var pacer = new SlidingLogPacer(new RateLimit(1, TimeSpan.FromSeconds(1)), time);

        var first = await pacer.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5)); // a slow request: sent at 0 s, answered at 5 s
        first.Complete();
        var second = pacer.WaitAsync(CancellationToken.None);

        Assert.Equal(Window, await time.NextWaitAsync()); // measured from the answer at 5 s, not from sending at 0 s
        time.Advance(Window - TimeSpan.FromTicks(1));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(5) + Window, time.GetUtcNow() - DateTimeOffset.UnixEpoch);
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
        // Answered while the pacer is in its next look: that look ends, then the pacer waits out the window from the answer.
        var look = await time.NextWaitAsync();
        first.Complete();
        var answered = time.GetUtcNow();
        time.Advance(look);
        var rest = await time.NextWaitAsync();
        Assert.Equal(answered + Window, time.GetUtcNow() + rest);
        time.Advance(rest - TimeSpan.FromTicks(1));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
