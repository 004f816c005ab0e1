namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>
/// Zendesk's per-account requests-per-minute limit as a fixed one-minute window on a <see cref="TimeProvider"/>:
/// the window opens with its first request; over the allowance every call is refused until it passes.
/// </summary>
internal sealed class ZendeskRateLimiter(ZendeskEmulatorOptions options, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private DateTimeOffset windowStart = DateTimeOffset.MinValue;
    private int used;

    /// <summary>Counts one request and says whether it is within the allowance.</summary>
    public ZendeskRateDecision Acquire()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (now - windowStart >= Window)
            {
                windowStart = now;
                used = 0;
            }
            used++;
            var limit = options.RateLimitPerMinute;
            return new ZendeskRateDecision(used <= limit, limit, Math.Max(0, limit - used), windowStart + Window - now);
        }
    }
}

/// <summary>One request's place in the window, as the <c>X-Rate-Limit*</c> and <c>ratelimit-*</c> headers report it.</summary>
internal readonly record struct ZendeskRateDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetsIn);
