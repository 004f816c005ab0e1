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
                    onRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "retry");
                    return ValueTask.CompletedTask;
                },
            })
            .AddRateLimiter(gate.Concurrency)
            .AddRateLimiter(gate.Limiter)
            .AddTimeout(gate.Timeout ?? options.RequestTimeout)
            .Build();
    }

    /// <summary>A sliding window of the documented limit: never more than N requests in any window of the documented length.</summary>
    public static RateLimiter Limiter(RateLimit limit) =>
        new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit.Requests,
            Window = limit.Per,
            SegmentsPerWindow = Math.Clamp((int)Math.Ceiling(limit.Per.TotalSeconds * 4), 1, 100),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
}
