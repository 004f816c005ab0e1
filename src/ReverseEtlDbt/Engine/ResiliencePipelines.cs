using System.Threading.RateLimiting;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// The one place retries, backoff and timeouts are decided (Polly v8). Each batch write goes through: retry
/// (429/5xx/network, exponential backoff with jitter, honouring Retry-After) → the connection's shared concurrency
/// limiter → the connection's pacing (<see cref="ConnectionGate.PaceAsync"/>: a pause after throttling, then a pacing
/// slot; every attempt takes one) → per-attempt timeout (<see cref="Timeout"/>, on the request alone, not on the
/// wait for a token). Validation rejections are answers, not failures, so they are never retried. Time and the jitter's
/// randomness come in from the caller, so tests can make every delay deterministic.
/// </summary>
internal static class ResiliencePipelines
{
    /// <param name="randomizer">Source of the backoff's jitter (a value in [0, 1)); a fixed one makes the delays repeatable.</param>
    public static ResiliencePipeline<BatchResult> ForBatches(
        ConnectionGate gate, EngineOptions options, TimeProvider time, Func<double> randomizer, Action<int, TimeSpan, string> onRetry)
    {
        return new ResiliencePipelineBuilder<BatchResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<BatchResult>
            {
                ShouldHandle = new PredicateBuilder<BatchResult>().Handle<DestinationTransientException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Randomizer = randomizer,
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
            .Build();
    }

    /// <summary>The per-request timeout of a connection (<c>timeout_seconds</c>, else the engine's default).</summary>
    public static ResiliencePipeline<BatchResult> Timeout(ConnectionGate gate, EngineOptions options, TimeProvider time) =>
        new ResiliencePipelineBuilder<BatchResult> { TimeProvider = time }.AddTimeout(gate.Timeout ?? options.RequestTimeout).Build();
}
