namespace ReverseEtlDbt.Engine;

/// <summary>
/// How much later than one window after its start a request's slot is reused. A destination counts requests when they
/// arrive: request <c>i</c> started at <c>sᵢ</c> arrives at <c>sᵢ + dᵢ</c>, so request <c>i+N</c> started one window
/// after <c>sᵢ</c> is safe only if it spends no less time in transit, and the margin must cover <c>dᵢ − dᵢ₊ₙ</c>.
/// Transit is never seen, but two bounds are:
/// <list type="bullet">
/// <item>a request arrives before it is answered, so <c>dᵢ ≤ latencyᵢ</c>: the margin never exceeds the request's own
/// latency (spacing from its answer, which is always safe);</item>
/// <item>a request slower than the fastest one on the connection was delayed somewhere (connecting, queueing, a congested link);
/// counting all of that delay as transit to the destination, plus a share of the fastest request's own round trip for
/// the jitter no latency shows, bounds how much later it arrived than a request that had no delay.</item>
/// </list>
/// On a steady connection the margin is a few milliseconds, whatever the latency; the first request of a run, slowed
/// by connecting, keeps nearly all its latency as margin, so the request <c>N</c> after it cannot arrive inside its window.
/// Under load (queueing at either end) the margin grows towards the latency, i.e. towards spacing from answers.
/// </summary>
internal static class TransitMargin
{
    /// <summary>Clock and timer granularity, below which no margin is meaningful.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(2);

    /// <summary>The share of the fastest round trip allowed for jitter in the transit of requests that show no delay.</summary>
    public const double JitterShare = 0.25;

    /// <param name="latency">The earlier request's time from start to answer.</param>
    /// <param name="fastest">The shortest latency the connection has shown (the earlier request's included).</param>
    public static TimeSpan For(TimeSpan latency, TimeSpan fastest)
    {
        var margin = latency - fastest + Floor + fastest * JitterShare;
        return WholeMilliseconds(margin < latency ? margin : latency);
    }

    /// <summary>Rounded up to a whole millisecond: timers wait whole milliseconds, and a wait must never end early.</summary>
    public static TimeSpan WholeMilliseconds(TimeSpan span) => TimeSpan.FromMilliseconds(Math.Ceiling(span.TotalMilliseconds));
}
