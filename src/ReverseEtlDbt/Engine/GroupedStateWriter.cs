using System.Runtime.ExceptionServices;
using ReverseEtlDbt.State;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// Groups a sync's state writes (DESIGN §6): the rows of answered batches wait in memory and reach the ledger in one
/// <see cref="ISyncStateWriter.CommitAsync"/> (and one <see cref="ISyncStateWriter.RecordRejectedAsync"/>) when the
/// <see cref="StateGrouping"/> says so, and at <see cref="FlushAsync"/> (end of the sync, stop signal). Rows enter only
/// after the destination answered them, so state still follows the acknowledgement; a kill loses at most the group
/// waiting, which the next run's diff resends.
/// </summary>
/// <remarks>
/// Every write of the wrapped writer takes a turn (the state connection serves one statement at a time), including
/// the flush that the interval's timer starts. Once a write fails, every later call throws that failure and writes
/// nothing: state may lag the destination, never lead it, and the sync ends as a failed commit always ended it.
/// </remarks>
internal sealed class GroupedStateWriter : ISyncStateWriter, IAsyncDisposable
{
    private readonly ISyncStateWriter ledger;
    private readonly StateGrouping grouping;
    private readonly ITimer timer;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Lock gate = new();
    private List<AcknowledgedRow> acknowledged = [];
    private List<RejectedRow> rejected = [];
    private long group;
    private Task timed = Task.CompletedTask;
    private bool disposed;
    private ExceptionDispatchInfo? failure;

    public GroupedStateWriter(ISyncStateWriter ledger, StateGrouping grouping, TimeProvider time)
    {
        this.ledger = ledger;
        this.grouping = grouping;
        timer = time.CreateTimer(_ => OnInterval(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Adds acknowledged rows to the group; commits the group when it is full.</summary>
    public Task CommitAsync(IReadOnlyList<AcknowledgedRow> rows) => AddAsync(() => acknowledged.AddRange(rows), rows.Count);

    /// <summary>Adds refused rows to the group; records the group when it is full.</summary>
    public Task RecordRejectedAsync(IReadOnlyList<RejectedRow> rows) => AddAsync(() => rejected.AddRange(rows), rows.Count);

    /// <summary>Passed on at once: the lease must not wait for a group.</summary>
    public async Task RenewLockAsync()
    {
        await turn.WaitAsync(CancellationToken.None);
        try
        {
            failure?.Throw();
            await ledger.RenewLockAsync();
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Commits every row waiting (nothing when none waits). Throws the failure of an earlier write, if any.</summary>
    public async Task FlushAsync()
    {
        await turn.WaitAsync(CancellationToken.None);
        try
        {
            await FlushInTurnAsync();
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Stops the timer and waits for a flush it started; rows still waiting are left to the next run.</summary>
    public async ValueTask DisposeAsync()
    {
        await timer.DisposeAsync();
        Task running;
        lock (gate)
        {
            disposed = true; // a callback already under way starts nothing now
            running = timed;
        }
        await running; // never faults: a timed flush keeps its failure for the next call
        turn.Dispose();
    }

    private async Task AddAsync(Action add, int count)
    {
        if (count == 0) return;
        await turn.WaitAsync(CancellationToken.None);
        try
        {
            failure?.Throw();
            var waiting = 0;
            lock (gate)
            {
                if (acknowledged.Count + rejected.Count == 0 && grouping.Interval > TimeSpan.Zero)
                    timer.Change(grouping.Interval, Timeout.InfiniteTimeSpan);
                add();
                waiting = acknowledged.Count + rejected.Count;
            }
            if (waiting >= grouping.Rows) await FlushInTurnAsync();
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>The group is taken whole (under <see cref="gate"/>), then written: acknowledged rows first, as one batch's were.</summary>
    private async Task FlushInTurnAsync()
    {
        failure?.Throw();
        List<AcknowledgedRow> committing;
        List<RejectedRow> recording;
        lock (gate)
        {
            (committing, recording) = (acknowledged, rejected);
            (acknowledged, rejected) = ([], []);
            group++;
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        try
        {
            if (committing.Count > 0) await ledger.CommitAsync(committing);
            if (recording.Count > 0) await ledger.RecordRejectedAsync(recording);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
            throw;
        }
    }

    /// <summary>The interval passed since the group's first row: flush that group unless it went already.</summary>
    private void OnInterval()
    {
        lock (gate)
        {
            if (disposed) return;
            var due = group;
            timed = timed.ContinueWith(_ => FlushIfStillWaitingAsync(due), TaskScheduler.Default).Unwrap();
        }
    }

    private async Task FlushIfStillWaitingAsync(long due)
    {
        await turn.WaitAsync(CancellationToken.None);
        try
        {
            bool still;
            lock (gate) still = group == due && failure is null;
            if (still) await FlushInTurnAsync();
        }
        catch (Exception)
        {
            // Kept in `failure`: the next batch's commit, or the end of the sync, throws it where a failed commit always surfaced.
        }
        finally
        {
            turn.Release();
        }
    }
}
