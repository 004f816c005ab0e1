namespace ReverseEtlDbt.Bench.Sync;

/// <summary>
/// One run's pacing as the destination saw it, from the times requests <em>arrived</em> (what a burst limit counts).
/// <see cref="OfCeiling"/> is the steady rate over the allowed one: the mean gap between each accepted request and the
/// one <c>N</c> accepted requests after it, against one window (1.0 = every request arrived exactly one window after the
/// N-th earlier one, the most a sender can do without ever putting N+1 in a window). It is indifferent to how each
/// window's allowance is spread (a burst or an even trickle), unlike rows over first-to-last span.
/// <see cref="BusiestWindow"/> is the most arrivals in any rolling window, refused ones included: the strict check,
/// stricter than the emulator's own window that opens with its first request.
/// </summary>
/// <see cref="MedianGap"/> is the median of those gaps over one window: what the pacing rule itself costs, apart from
/// stalls (a starved CPU, the concurrency limit) that the mean also counts.
public sealed record ThroughputFigures(double OfCeiling, double MedianGap, int BusiestWindow, int Refused, int Accepted)
{
    public static ThroughputFigures From(IReadOnlyList<DateTimeOffset> accepted, IReadOnlyList<DateTimeOffset> all, int limit, TimeSpan window, int refused)
    {
        var sorted = accepted.Order().ToList();
        var ofCeiling = double.NaN;
        var medianGap = double.NaN;
        if (sorted.Count > limit)
        {
            var each = Enumerable.Range(0, sorted.Count - limit).Select(k => (sorted[k + limit] - sorted[k]) / window).Order().ToList();
            medianGap = each[each.Count / 2];
            // Σ over k of (a[k+N] − a[k]) telescopes to the last N arrivals minus the first N.
            var gaps = sorted.TakeLast(limit).Sum(t => (t - sorted[0]).Ticks) - sorted.Take(limit).Sum(t => (t - sorted[0]).Ticks);
            var meanGap = TimeSpan.FromTicks(gaps / (sorted.Count - limit));
            ofCeiling = window / meanGap;
        }
        return new ThroughputFigures(ofCeiling, medianGap, Busiest(all.Order().ToList(), window), refused, sorted.Count);
    }

    private static int Busiest(List<DateTimeOffset> arrivals, TimeSpan window)
    {
        var busiest = 0;
        for (int first = 0, last = 0; first < arrivals.Count; first++)
        {
            while (last < arrivals.Count && arrivals[last] - arrivals[first] < window) last++;
            busiest = Math.Max(busiest, last - first);
        }
        return busiest;
    }
}
