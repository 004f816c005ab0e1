using System.Threading.RateLimiting;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// The one place retries, backoff and timeouts are decided (Polly v8). Each batch write goes through: retry
/// (429/5xx/network, exponential backoff with jitter, honouring Retry-After) → the connection's shared concurrency
/// and rate limiters (every attempt takes a permit) → per-attempt timeout. Validation rejections are answers, not
/// failures, so they are never retried.
/// </summary>
public static class ResiliencePipelines
{
    public static ResiliencePipeline<BatchResult> ForBatches(
        ConnectionGate gate, EngineOptions options, TimeProvider time, Action<int, TimeSpan, string> onRetry)
    {
        return new ResiliencePipelineBuilder<BatchResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<BatchResult>
            {
                ShouldHandle = new PredicateBuilder<BatchResult>().Handle<DestinationTransientException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is DestinationTransientException { RetryAfter: { } after } ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is DestinationTransientException { RetryAfter: { } after }) gate.Pause(time, after);
                    onRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "retry");
                    return ValueTask.CompletedTask;
                },
            })
            .AddRateLimiter(gate.Concurrency)
            .AddRateLimiter(gate.Limiter)
            .AddTimeout(gate.Timeout ?? options.RequestTimeout)
            .Build();
    }

    /// <summary>
    /// The documented limit as an evenly paced token bucket: one permit every <c>window / requests</c> (2 % slower, for
    /// clock skew), so no window of the documented length ever holds more than the documented number of requests,
    /// whatever window alignment the destination uses. Fast limits replenish in ticks of at least 20 ms.
    /// </summary>
    public static RateLimiter Limiter(RateLimit limit)
    {
        var spacing = limit.Per / limit.Requests * 1.02;
        var period = spacing < MinimumTick ? MinimumTick : spacing;
        var tokens = Math.Max(1, (int)(period / spacing));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private static readonly TimeSpan MinimumTick = TimeSpan.FromMilliseconds(20);
}
