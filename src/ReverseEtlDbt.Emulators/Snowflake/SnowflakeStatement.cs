namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>Where a statement stands: still running (202), finished (200), failed or canceled (422), timed out (408).</summary>
public enum SnowflakeStatementState
{
    Pending,
    Succeeded,
    Failed,
    Canceled,
    TimedOut,
}

/// <summary>
/// A submitted statement behind a handle. It runs only when it is due (its pending polls used up and the host's clock
/// past its simulated duration), so a statement canceled while pending never touched the data, and a resubmitted
/// <c>requestId</c> finds it instead of running it again.
/// </summary>
internal sealed class SnowflakeStatement(string handle, string? requestId, DateTimeOffset createdOn, SnowflakeSubmission? submission)
{
    public Lock Gate { get; } = new();

    public string Handle { get; } = handle;
    public string? RequestId { get; } = requestId;
    public DateTimeOffset CreatedOn { get; } = createdOn;

    /// <summary>What to run; <c>null</c> for a statement of a multi-statement request (it ran with its parent).</summary>
    public SnowflakeSubmission? Submission { get; } = submission;

    public SnowflakeStatementState State { get; private set; } = SnowflakeStatementState.Pending;
    public SnowflakeResult? Result { get; private set; }
    public SnowflakeError? Error { get; private set; }

    /// <summary>Status polls still to answer 202.</summary>
    public int PendingPolls { get; set; }

    /// <summary>When the simulated execution ends (or its timeout hits, with <see cref="TimesOut"/>).</summary>
    public DateTimeOffset Due { get; set; }

    public bool TimesOut { get; set; }

    /// <summary>
    /// Moves a pending statement on: a poll uses up one pending poll; once none is left and the clock is past
    /// <see cref="Due"/>, it times out or <paramref name="run"/> executes it. Call under <see cref="Gate"/>.
    /// </summary>
    public void Advance(DateTimeOffset now, bool poll, Action<SnowflakeStatement> run)
    {
        if (State != SnowflakeStatementState.Pending) return;
        if (PendingPolls > 0)
        {
            if (poll) PendingPolls--;
            return;
        }
        if (now < Due) return;
        if (TimesOut) Finish(SnowflakeStatementState.TimedOut, error: SnowflakeError.TimedOut(Submission?.Timeout ?? 0));
        else run(this);
    }

    public bool Cancel()
    {
        if (State != SnowflakeStatementState.Pending) return false;
        Finish(SnowflakeStatementState.Canceled, error: SnowflakeError.Canceled);
        return true;
    }

    public void Succeed(SnowflakeResult result) => Finish(SnowflakeStatementState.Succeeded, result);

    public void Fail(SnowflakeError error) => Finish(SnowflakeStatementState.Failed, error: error);

    private void Finish(SnowflakeStatementState state, SnowflakeResult? result = null, SnowflakeError? error = null)
    {
        State = state;
        Result = result;
        Error = error;
    }
}
