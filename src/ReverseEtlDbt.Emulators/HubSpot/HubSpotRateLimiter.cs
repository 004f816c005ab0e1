namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>
/// HubSpot's burst limit as a fixed window on a <see cref="TimeProvider"/>: the window opens with its first
/// request; once more than the allowance arrived, every call is refused until the window passes.
/// </summary>
internal sealed class HubSpotRateLimiter(HubSpotEmulatorOptions options, TimeProvider time)
{
    private readonly Lock gate = new();
    private DateTimeOffset windowStart = DateTimeOffset.MinValue;
    private int used;
    private DateOnly day;
    private int usedToday;

    /// <summary>Counts one request against the daily allowance: the allowance and what is left, or null without one.</summary>
    public (int Limit, int Remaining)? AcquireDaily()
    {
        if (options.DailyLimit is not { } limit) return null;
        lock (gate)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            if (today != day)
            {
                day = today;
                usedToday = 0;
            }
            usedToday++;
            return (limit, limit - usedToday);
        }
    }

    /// <summary>Counts one request and says whether it is within the allowance.</summary>
    public RateLimitDecision Acquire()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var window = options.RateLimitWindow;
            if (now - windowStart >= window)
            {
                windowStart = now;
                used = 0;
            }
            used++;
            var max = options.RateLimitRequests;
            return new RateLimitDecision(used <= max, max, Math.Max(0, max - used), window, windowStart + window - now);
        }
    }
}

/// <summary>One request's place in the window, as the <c>X-HubSpot-RateLimit-*</c> headers report it.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, int Max, int Remaining, TimeSpan Window, TimeSpan ResetsIn);
