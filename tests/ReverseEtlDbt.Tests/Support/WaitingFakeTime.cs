using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ReverseEtlDbt.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test each time the code under test starts a wait on it
/// (<c>Task.Delay(…, time, …)</c> and every other timer). A test then advances the clock only once the code is provably
/// waiting, and by exactly the wait it asked for, instead of guessing with real sleeps how far the code has got.
/// </summary>
public sealed class WaitingFakeTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>How long a test waits for the code to start a wait before it fails (generous: only a hang reaches it).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> waits = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        waits.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The length of the next wait the code starts (in the order they were started), once it has started it.</summary>
    public async Task<TimeSpan> NextWaitAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            return await waits.Reader.ReadAsync(patience.Token);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            throw new TimeoutException($"the code under test started no wait on the fake clock within {Patience.TotalSeconds} s");
        }
    }
}
