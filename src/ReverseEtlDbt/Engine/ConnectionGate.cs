using System.Threading.RateLimiting;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// What syncs sharing one connection share: the rate limiter (set from the documented limit, or the connection's
/// <c>rate_limit</c>), one destination client, and the verdict when credentials are refused (every sync on it stops).
/// </summary>
internal sealed class ConnectionGate : IAsyncDisposable
{
    private readonly Lazy<IDestination> destination;
    private readonly SlidingLogPacer pacer;
    private readonly Lock pauseGate = new();

    public ConnectionGate(ConnectionConfig connection, IDestinationFactory factory, ConnectionSettings settings, DestinationContext context)
    {
        Connection = connection;
        Limit = settings.Limit;
        pacer = new SlidingLogPacer(Limit, context.Time);
        MaxConcurrency = settings.MaxConcurrency;
        Concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        Timeout = settings.Timeout;
        MaxRetryWait = settings.MaxRetryWait;
        destination = new Lazy<IDestination>(() => ScrubbingDestination.Create(factory, connection, context with { MaxWait = settings.MaxRetryWait }), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ConnectionConfig Connection { get; }

    /// <summary>The most one batch waits for its retries (<see cref="ConnectionSettings.MaxRetryWait"/>).</summary>
    public TimeSpan MaxRetryWait { get; }
    public RateLimit Limit { get; }

    /// <summary>Requests in flight on this connection at once (<c>max_concurrency</c>, default <see cref="ConnectionSettings.DefaultConcurrency"/>).</summary>
    public RateLimiter Concurrency { get; }

    public int MaxConcurrency { get; }

    /// <summary>Per-request timeout from <c>timeout_seconds</c>, else the destination type's own default; null means the engine's.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Created on first use, so a sync stopped by its guard never builds a client.</summary>
    public IDestination Destination => destination.Value;

    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;

    /// <summary>
    /// After a throttling answer (429 with Retry-After or a rate-limit window) every sync on the connection holds off
    /// for that long, not only the batch that was refused: the destination refuses every call until then.
    /// </summary>
    public void Pause(TimeProvider time, TimeSpan delay)
    {
        var until = time.GetUtcNow() + delay;
        lock (pauseGate) if (until > pausedUntil) pausedUntil = until;
    }

    /// <summary>
    /// Waits for this connection's turn: past any pause, then for the pacer's slot. A slot taken while a pause began
    /// is given up and the wait starts again, so requests held back by a pause never leave together as a burst.
    /// </summary>
    public async Task<SlidingLogPacer.Slot> PaceAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (PausedFor(time) is { } pause) await Task.Delay(pause, time, cancellationToken);
            var slot = await pacer.WaitAsync(cancellationToken);
            if (PausedFor(time) is null) return slot;
            slot.Complete();
        }
    }

    private TimeSpan? PausedFor(TimeProvider time)
    {
        lock (pauseGate)
        {
            var wait = pausedUntil - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    /// <summary>Set once credentials were refused; later batches on this connection are not sent.</summary>
    public string? AuthFailure { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (destination.IsValueCreated) await destination.Value.DisposeAsync();
        pacer.Dispose();
        Concurrency.Dispose();
    }
}
