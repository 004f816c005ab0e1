using ReverseEtlDbt.Destinations;

using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// Paces requests so that no window of the documented length ever holds more than the documented number of
/// requests, whatever window alignment the destination uses (HubSpot opens its window with the first request that
/// arrives). A request may go once the request sent <c>N</c> slots earlier has <em>completed</em> at least a window
/// ago (plus 1 %): measuring from completion, not from sending, makes transit time harmless (the first request of a
/// run, slowed by connecting, otherwise lets the 21st arrive inside the first window). Late timers only delay
/// requests, never bunch them; the library's token bucket and segmented sliding window both let a late tick be
/// followed by an early one, which the emulator answered with 429s.
/// </summary>
internal sealed class SlidingLogPacer(RateLimit limit, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private readonly TimeSpan window = limit.Per * 1.01;
    private readonly Queue<Slot> sent = new();
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>Waits for a slot; complete it when the request has been answered (or failed).</summary>
    public async Task<Slot> WaitAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            while (sent.Count >= limit.Requests)
            {
                var oldest = sent.Peek();
                var now = time.GetUtcNow();
                if (oldest.CompletedAt is not { } done) await Task.Delay(Poll, time, cancellationToken);
                else if (done + window <= now) sent.Dequeue();
                else await Task.Delay(done + window - now, time, cancellationToken);
            }
            var slot = new Slot(time);
            sent.Enqueue(slot);
            return slot;
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose() => turn.Dispose();

    /// <summary>One request's place in the log.</summary>
    public sealed class Slot(TimeProvider time)
    {
        private long completedTicks;

        public DateTimeOffset? CompletedAt =>
            Interlocked.Read(ref completedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

        public void Complete() => Interlocked.CompareExchange(ref completedTicks, time.GetUtcNow().UtcTicks, 0);
    }
}
