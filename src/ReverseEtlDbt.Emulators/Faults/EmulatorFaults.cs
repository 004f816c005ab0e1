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

    /// <summary>
    /// Sent verbatim as <c>Retry-After</c> instead of <see cref="RetryAfter"/>: an HTTP date
    /// (<c>"Thu, 01 Jan 2099 00:00:00 GMT"</c>) or a malformed value, to test how clients read the header.
    /// </summary>
    public string? RetryAfterText { get; set; }

    /// <summary>The next <paramref name="count"/> requests are answered normally, so a fault queued after them hits a later request.</summary>
    public void QueuePasses(int count) => Enqueue(Fault.None, count);

    /// <summary>
    /// The next <paramref name="count"/> requests are answered <paramref name="status"/> with <paramref name="body"/> as
    /// is, without being processed: an HTML page from a proxy, cut-off JSON, JSON of another shape.
    /// </summary>
    public void QueueBody(string body, string contentType = "text/html; charset=utf-8", int status = 200, int count = 1) =>
        Enqueue(new Fault(FaultKind.Body, status) { Body = body, ContentType = contentType }, count);

    /// <summary>
    /// The next request is answered <paramref name="status"/> with <paramref name="bytes"/> bytes of filler, streamed
    /// without a Content-Length (a client learns the size only by reading), without being processed.
    /// </summary>
    public void QueueOversizedBody(long bytes, int status = 200) =>
        Enqueue(new Fault(FaultKind.Body, status) { Body = "", ContentType = "application/json", Size = bytes }, 1);

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
    /// Waits the latency, then picks this request's fault; a dropped connection is already aborted, and a queued body
    /// already written, when this returns (<see cref="Fault.Answered"/>: the endpoint writes nothing more).
    /// </summary>
    internal async Task<Fault> BeforeAnswerAsync(HttpContext http, TimeProvider time)
    {
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency, time, http.RequestAborted);
        await WhileHeldAsync(http.RequestAborted);
        var fault = Next();
        if (fault.Kind == FaultKind.Drop) http.Abort();
        if (fault.Kind == FaultKind.Body) await WriteBodyAsync(http, fault);
        return fault;
    }

    private static async Task WriteBodyAsync(HttpContext http, Fault fault)
    {
        http.Response.StatusCode = fault.Status;
        http.Response.ContentType = fault.ContentType;
        try
        {
            await http.Response.WriteAsync(fault.Body ?? "", http.RequestAborted);
            var filler = new byte[64 * 1024];
            Array.Fill(filler, (byte)' ');
            for (var left = fault.Size; left > 0; left -= filler.Length)
                await http.Response.Body.WriteAsync(filler.AsMemory(0, (int)Math.Min(left, filler.Length)), http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading (an oversized answer is what it refuses): nothing more to send.
        }
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
        if (RetryAfterText is { } text) response.Headers.RetryAfter = text;
        else if (RetryAfter is { } after)
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

    /// <summary>The body of a <see cref="FaultKind.Body"/> fault, its content type and the filler bytes after it.</summary>
    public string? Body { get; init; }
    public string? ContentType { get; init; }
    public long Size { get; init; }

    /// <summary>Already answered (a dropped connection or a queued body): the endpoint records <see cref="Status"/> and writes nothing.</summary>
    public bool Answered => Kind is FaultKind.Drop or FaultKind.Body;
}

internal enum FaultKind
{
    None,
    Drop,
    Status,
    Body,
}
