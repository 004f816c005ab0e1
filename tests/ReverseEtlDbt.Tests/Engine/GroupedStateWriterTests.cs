using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// Grouped state commits (DESIGN §6) without a warehouse: answered rows wait until the group is full, its interval has
/// passed on the (fake) clock, or the sync flushes; a failed write ends every later one.
/// </summary>
public sealed class GroupedStateWriterTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider time = new(DateTimeOffset.UnixEpoch);
    private readonly RecordingLedger ledger = new();

    private GroupedStateWriter Writer(int rows = 250) => new(ledger, new StateGrouping(rows, Interval), time);

    private static AcknowledgedRow[] Acknowledged(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new AcknowledgedRow($"k{i}", ChangeKind.Added, $"fp{i}", null)).ToArray();

    [Fact]
    public async Task Acknowledged_batches_wait_until_the_group_holds_enough_rows_then_go_in_one_commit()
    {
        await using var writer = Writer(rows: 250);

        await writer.CommitAsync(Acknowledged(0, 100));
        await writer.CommitAsync(Acknowledged(100, 100));
        Assert.Empty(ledger.Commits);
        await writer.CommitAsync(Acknowledged(200, 100));

        var commit = Assert.Single(ledger.Commits);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"k{i}"), commit.Select(r => r.PrimaryKey));
    }

    [Fact]
    public async Task A_group_is_committed_once_the_interval_has_passed_since_its_first_acknowledgement()
    {
        await using var writer = Writer();
        await writer.CommitAsync(Acknowledged(0, 100));
        time.Advance(TimeSpan.FromSeconds(3));
        await writer.CommitAsync(Acknowledged(100, 100)); // joins the group: the interval runs from its first row

        time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.Empty(ledger.Commits); // no timer has fired, so no flush can be under way
        time.Advance(TimeSpan.FromTicks(1));

        var commit = await ledger.NextCommitAsync();
        Assert.Equal(200, commit.Count);
        Assert.Equal(0, ledger.RejectedCalls);
    }

    [Fact]
    public async Task A_group_flushed_for_its_size_does_not_leave_its_interval_to_cut_the_next_group_short()
    {
        await using var writer = Writer(rows: 200);
        await writer.CommitAsync(Acknowledged(0, 200));
        Assert.Equal(200, (await ledger.NextCommitAsync()).Count);
        time.Advance(TimeSpan.FromSeconds(4));
        await writer.CommitAsync(Acknowledged(200, 50));

        time.Advance(TimeSpan.FromSeconds(4)); // 8 s after the first group, 4 s into the second
        Assert.Single(ledger.Commits);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(50, (await ledger.NextCommitAsync()).Count);
    }

    [Fact]
    public async Task Flush_commits_what_waits_acknowledged_first_then_rejected_and_writes_nothing_when_nothing_waits()
    {
        await using var writer = Writer();
        await writer.FlushAsync();
        Assert.Empty(ledger.Log);

        await writer.RecordRejectedAsync([new RejectedRow("k9", "invalid", null)]);
        await writer.CommitAsync(Acknowledged(0, 2));
        await writer.RecordRejectedAsync([new RejectedRow("k8", "invalid", null)]);
        await writer.FlushAsync();
        await writer.FlushAsync();

        Assert.Equal(["commit k0,k1", "rejected k9,k8"], ledger.Log);
    }

    [Fact]
    public async Task The_lock_is_renewed_at_once_whatever_waits()
    {
        await using var writer = Writer();
        await writer.CommitAsync(Acknowledged(0, 10));

        await writer.RenewLockAsync();

        Assert.Equal(["renew"], ledger.Log);
    }

    [Fact]
    public async Task Per_batch_grouping_commits_every_answer_at_once_and_sets_no_timer()
    {
        await using var writer = new GroupedStateWriter(ledger, StateGrouping.PerBatch, time);

        await writer.CommitAsync(Acknowledged(0, 100));
        await writer.RecordRejectedAsync([new RejectedRow("k100", "invalid", null)]);
        await writer.CommitAsync(Acknowledged(101, 1));

        Assert.Equal(["commit " + string.Join(',', Enumerable.Range(0, 100).Select(i => $"k{i}")), "rejected k100", "commit k101"], ledger.Log);
    }

    [Fact]
    public async Task A_failed_timed_commit_fails_the_next_write_and_the_final_flush_and_nothing_is_written_after_it()
    {
        await using var writer = Writer();
        ledger.FailNext = true;
        await writer.CommitAsync(Acknowledged(0, 10));
        time.Advance(Interval);
        await ledger.NextFailureAsync();

        var next = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync(Acknowledged(10, 10)));
        var final = await Assert.ThrowsAsync<InvalidOperationException>(writer.FlushAsync);

        Assert.Equal("warehouse gone", next.Message);
        Assert.Same(next, final);
        Assert.Empty(ledger.Commits);
    }

    [Fact]
    public async Task A_commit_that_fails_when_the_group_is_full_fails_the_batch_that_filled_it()
    {
        await using var writer = Writer(rows: 20);
        ledger.FailNext = true;
        await writer.CommitAsync(Acknowledged(0, 10));

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync(Acknowledged(10, 10)));
        await Assert.ThrowsAsync<InvalidOperationException>(writer.RenewLockAsync);
        Assert.Empty(ledger.Log);
    }
}
