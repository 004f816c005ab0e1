using Polly;
using Polly.Timeout;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// The send stage of a sync: one batch through its connection's retry pipeline, each attempt paced by the
/// <see cref="ConnectionGate"/> and bounded by the per-request timeout. Credentials refused once stop every sync on
/// the connection (the verdict lives on the gate), so no other batch meets the same refusal.
/// </summary>
internal sealed class BatchSender
{
    private readonly DestinationSync sync;
    private readonly ConnectionGate gate;
    private readonly TimeProvider time;
    private readonly SyncTally tally;
    private readonly ResiliencePipeline<BatchResult> retries;
    private readonly ResiliencePipeline<BatchResult> timeout;

    public BatchSender(DestinationSync sync, ConnectionGate gate, SyncEnvironment environment, SyncTally tally)
    {
        this.sync = sync;
        this.gate = gate;
        this.tally = tally;
        time = environment.Time;
        retries = ResiliencePipelines.ForBatches(gate, environment.Options, time, environment.Randomizer,
            (attempt, delay, reason) =>
            {
                tally.Add(new SyncCounts { Retries = 1 });
                environment.Progress.Retrying(sync.Id, attempt, delay, reason);
            });
        timeout = ResiliencePipelines.Timeout(gate, environment.Options, time);
    }

    /// <summary>
    /// Sends <paramref name="batch"/> (or acknowledges it locally when it needs no request) and returns the answer per
    /// row; null when the sync must stop, with the reason added to the tally.
    /// </summary>
    /// <remarks>
    /// <paramref name="stop"/> ends every wait of the batch at once (backoff, <c>Retry-After</c>, pacing) and starts no
    /// new attempt; a request already on the wire is answered (bounded by its timeout), so what it acknowledged is
    /// committed. A batch stopped that way is left unacknowledged and sent next run. <paramref name="abort"/> cuts everything.
    /// </remarks>
    public async Task<BatchResult?> SendAsync(PendingBatch batch, CancellationToken stop, CancellationToken abort)
    {
        if (gate.AuthFailure is { } refused)
            return Stop(OutcomeCode.AuthFailed, refused);
        if (batch.Request is not { } request)
            return new BatchResult(batch.Rows.Select(r => RowOutcome.Ok(r.PrimaryKey, r.DestinationId)).ToList());
        using var waits = CancellationTokenSource.CreateLinkedTokenSource(stop, abort);
        try
        {
            var deadline = time.GetUtcNow() + gate.MaxRetryWait;
            return await retries.ExecuteAsync(waiting => SendOnceAsync(request, deadline, waiting, abort), waits.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            return null; // the sync reports the stop (Interrupted); these rows were not acknowledged and go next run
        }
        catch (DestinationAuthException e)
        {
            gate.AuthFailure = $"Connection '{sync.Connection}' refused the credentials: {e.Message}";
            return Stop(OutcomeCode.AuthFailed, gate.AuthFailure);
        }
        catch (Exception e) when (e is DestinationFatalException or DestinationTransientException or TimeoutRejectedException)
        {
            tally.Add(new SyncCounts { Failed = batch.Rows.Count });
            return Stop(OutcomeCode.DestinationError, $"{sync.Connection}.{sync.Object}: {e.Message}");
        }
    }

    /// <summary>
    /// One attempt: waits for the connection's turn (every attempt takes a slot; <paramref name="waiting"/> ends the wait),
    /// then the request alone is timed and only <paramref name="abort"/> cuts it.
    /// </summary>
    /// <remarks>
    /// A throttling answer whose wait would pass <paramref name="deadline"/> (what is left of the connection's
    /// <c>max_retry_wait</c>) fails the batch at once: waiting part of it helps nobody, and the batch goes next run.
    /// </remarks>
    private async ValueTask<BatchResult> SendOnceAsync(DestinationBatch request, DateTimeOffset deadline, CancellationToken waiting, CancellationToken abort)
    {
        var slot = await gate.PaceAsync(time, waiting);
        waiting.ThrowIfCancellationRequested();
        tally.Add(new SyncCounts { Requests = 1 });
        try
        {
            return await timeout.ExecuteAsync(async c => await gate.Destination.WriteAsync(request, c), abort);
        }
        catch (DestinationTransientException e) when (time.GetUtcNow() + (e.RetryAfter ?? TimeSpan.Zero) > deadline)
        {
            var bound = $"the connection's max_retry_wait ({gate.MaxRetryWait.TotalSeconds:0}s)";
            throw new DestinationFatalException(e.RetryAfter is { } after
                ? $"{e.Message}; its Retry-After ({after.TotalSeconds:0}s) is past what is left of {bound}: not retried now, the batch is sent next run"
                : $"{e.Message}; retries used up {bound}: the batch is sent next run", e.StatusCode);
        }
        finally
        {
            slot.Complete();
        }
    }

    private BatchResult? Stop(OutcomeCode code, string message)
    {
        tally.AddOnce(new SyncError(code, message));
        return null;
    }
}
