using System.Threading.Channels;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.State;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// Records the state writes a <see cref="GroupedStateWriter"/> makes instead of making them, and lets a test wait for
/// a write started by the interval's timer (on the thread pool) without sleeping.
/// </summary>
internal sealed class RecordingLedger : ISyncStateWriter
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Channel<IReadOnlyList<AcknowledgedRow>> commits = Channel.CreateUnbounded<IReadOnlyList<AcknowledgedRow>>();
    private readonly TaskCompletionSource failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<IReadOnlyList<AcknowledgedRow>> Commits { get; } = [];
    public List<string> Log { get; } = [];
    public int RejectedCalls { get; private set; }

    /// <summary>The next commit or rejection record throws, as a lost warehouse connection would.</summary>
    public bool FailNext { get; set; }

    public Task CommitAsync(IReadOnlyList<AcknowledgedRow> rows)
    {
        FailIfAsked();
        lock (Log)
        {
            Commits.Add(rows.ToList());
            Log.Add("commit " + string.Join(',', rows.Select(r => r.PrimaryKey)));
        }
        commits.Writer.TryWrite(rows.ToList());
        return Task.CompletedTask;
    }

    public Task RecordRejectedAsync(IReadOnlyList<RejectedRow> rows)
    {
        FailIfAsked();
        lock (Log)
        {
            RejectedCalls++;
            Log.Add("rejected " + string.Join(',', rows.Select(r => r.PrimaryKey)));
        }
        return Task.CompletedTask;
    }

    public Task RenewLockAsync()
    {
        lock (Log) Log.Add("renew");
        return Task.CompletedTask;
    }

    /// <summary>The next commit made (in order), once it is made.</summary>
    public async Task<IReadOnlyList<AcknowledgedRow>> NextCommitAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        return await commits.Reader.ReadAsync(patience.Token);
    }

    /// <summary>Completes once a write has failed as asked.</summary>
    public Task NextFailureAsync() => failed.Task.WaitAsync(Patience);

    private void FailIfAsked()
    {
        if (!FailNext) return;
        FailNext = false;
        failed.TrySetResult();
        throw new InvalidOperationException("warehouse gone");
    }
}
