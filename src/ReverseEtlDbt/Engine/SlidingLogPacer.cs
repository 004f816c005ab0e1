using ReverseEtlDbt.Destinations;

using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// Paces requests so that no window of the documented length ever holds more than the documented number of
/// requests <em>as the destination counts them</em> (by arrival), whatever window alignment it uses (HubSpot opens its
/// window with the first request that arrives). A request may start once the request started <c>N</c> slots earlier
/// started at least one window plus that request's <see cref="TransitMargin"/> ago. Spacing starts, not completions,
/// keeps each request's latency out of the period (the limit is reached, not approached); the margin covers the one
/// thing spacing starts cannot see, that the earlier request may have arrived later after its start than the new one
/// will. Late timers only delay requests, never bunch them; the library's token bucket and segmented sliding window
/// both let a late tick be followed by an early one, which the emulator answered with 429s.
/// </summary>
internal sealed class SlidingLogPacer(RateLimit limit, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private readonly Queue<Slot> sent = new();
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>
    /// The shortest latency this connection has shown: the nearest thing to a request that met no delay. Kept for the
    /// connection's life, not for recent requests only: under load every recent request queues, and a margin measured
    /// from the fastest of those undercounts (a burst of 20 at once met a 429 that way).
    /// </summary>
    private TimeSpan fastest = TimeSpan.MaxValue;

    /// <summary>Waits for a slot; complete it when the request has been answered (or failed).</summary>
    public async Task<Slot> WaitAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            while (sent.Count >= limit.Requests)
            {
                var now = time.GetUtcNow();
                if (FreeAt(sent.Peek()) is not { } free) await Task.Delay(Poll, time, cancellationToken);
                else if (free <= now) sent.Dequeue();
                else await Task.Delay(TransitMargin.WholeMilliseconds(free - now), time, cancellationToken);
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

    /// <summary>
    /// When the request <c>N</c> slots after <paramref name="oldest"/> may start; null while <paramref name="oldest"/>
    /// is unanswered (its arrival could still be ahead, so only its answer bounds it).
    /// </summary>
    private DateTimeOffset? FreeAt(Slot oldest)
    {
        if (oldest.Latency is not { } latency) return null;
        foreach (var slot in sent)
            if (slot.Latency is { } other && other < fastest) fastest = other;
        return oldest.StartedAt + limit.Per + TransitMargin.For(latency, fastest);
    }

    public void Dispose() => turn.Dispose();

    /// <summary>One request's place in the log: when it started and, once answered, how long it took.</summary>
    public sealed class Slot(TimeProvider time)
    {
        private long completedTicks;

        public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

        /// <summary>From start to answer; null until <see cref="Complete"/>.</summary>
        public TimeSpan? Latency =>
            Interlocked.Read(ref completedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) - StartedAt : null;

        public void Complete() => Interlocked.CompareExchange(ref completedTicks, time.GetUtcNow().UtcTicks, 0);
    }
}
