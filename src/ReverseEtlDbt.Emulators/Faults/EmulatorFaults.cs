using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ReverseEtlDbt.Emulators.Faults;

/// <summary>
/// Misbehaviour an emulator adds before answering, so clients and the engine's retry pipeline can be tested
/// against the failures real APIs produce. Settable at any time while the host runs; queued faults are used up
/// first (one per request, in order), then the random fractions apply.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Lock gate = new();
    private readonly Queue<Fault> queued = new();
    private readonly Random random;
    private TaskCompletionSource? hold;
    private int held;

    public EmulatorFaults(int? seed = null) => random = seed is { } s ? new Random(s) : new Random();

    /// <summary>Delay before every answer (waited on the host's <see cref="TimeProvider"/>).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Share of requests (0..1) answered 500/502/503 at random.</summary>
    public double ServerErrorFraction { get; set; }

    /// <summary>Share of requests (0..1) whose connection is dropped without an answer.</summary>
    public double DropFraction { get; set; }

    /// <summary>Sent as <c>Retry-After</c> (whole seconds, rounded up) with injected 429 and 503 answers; <c>null</c> sends none.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>The next <paramref name="count"/> requests are answered with <paramref name="status"/> (e.g. 410, 503).</summary>
    public void QueueStatus(int status, int count = 1) => Enqueue(new Fault(FaultKind.Status, status), count);

    /// <summary>A 429 storm: the next <paramref name="count"/> requests are throttled.</summary>
    public void QueueThrottling(int count) => QueueStatus(429, count);

    /// <summary>The next <paramref name="count"/> requests have their connection dropped.</summary>
    public void QueueDrops(int count) => Enqueue(new Fault(FaultKind.Drop, 0), count);

    /// <summary>
    /// Requests from now on wait, before any answer, until <see cref="ReleaseHeld"/>: a test can then act (signal or
    /// kill the client) while a request is provably in flight, instead of guessing how long a latency leaves it.
    /// </summary>
    public void HoldRequests()
    {
        lock (gate) hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets every held request go on to its answer and stops holding new ones.</summary>
    public void ReleaseHeld()
    {
        TaskCompletionSource? released;
        lock (gate) (released, hold) = (hold, null);
        released?.TrySetResult();
    }

    /// <summary>How many requests are waiting for <see cref="ReleaseHeld"/> now.</summary>
    public int Held => Volatile.Read(ref held);

    /// <summary>Back to good behaviour: no queue, no fractions, no latency, nothing held.</summary>
    public void Clear()
    {
        ReleaseHeld();
        lock (gate) queued.Clear();
        Latency = TimeSpan.Zero;
        ServerErrorFraction = 0;
        DropFraction = 0;
    }

    /// <summary>
    /// Waits the latency, then picks this request's fault; a dropped connection is already aborted when this returns.
    /// </summary>
    internal async Task<Fault> BeforeAnswerAsync(HttpContext http, TimeProvider time)
    {
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency, time, http.RequestAborted);
        await WhileHeldAsync(http.RequestAborted);
        var fault = Next();
        if (fault.Kind == FaultKind.Drop) http.Abort();
        return fault;
    }

    private async Task WhileHeldAsync(CancellationToken aborted)
    {
        Task? holding;
        lock (gate) holding = hold?.Task;
        if (holding is null) return;
        Interlocked.Increment(ref held);
        try
        {
            await holding.WaitAsync(aborted);
        }
        finally
        {
            Interlocked.Decrement(ref held);
        }
    }

    /// <summary>Adds <c>Retry-After</c> when one is configured.</summary>
    internal void WriteRetryAfter(HttpResponse response)
    {
        if (RetryAfter is { } after)
            response.Headers.RetryAfter = Math.Ceiling(after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    internal Fault Next()
    {
        lock (gate)
        {
            if (queued.TryDequeue(out var fault)) return fault;
            if (DropFraction > 0 && random.NextDouble() < DropFraction) return new Fault(FaultKind.Drop, 0);
            if (ServerErrorFraction > 0 && random.NextDouble() < ServerErrorFraction)
                return new Fault(FaultKind.Status, ServerErrors[random.Next(ServerErrors.Length)]);
            return Fault.None;
        }
    }

    private static readonly int[] ServerErrors = [500, 502, 503];

    private void Enqueue(Fault fault, int count)
    {
        lock (gate)
            for (var i = 0; i < count; i++) queued.Enqueue(fault);
    }
}

/// <summary>What <see cref="EmulatorFaults"/> decided for one request.</summary>
internal readonly record struct Fault(FaultKind Kind, int Status)
{
    public static Fault None => new(FaultKind.None, 0);
}

internal enum FaultKind
{
    None,
    Drop,
    Status,
}
