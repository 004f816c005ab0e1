using System.Text.Json;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Tests.Builders;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// The commit stage without a warehouse: what of a destination's answer becomes state, what is recorded as rejected
/// (PII masked), what is left to re-send, and how it is counted.
/// </summary>
public sealed class BatchCommitterTests
{
    private static readonly DestinationSync Sync = new()
    {
        Id = "people__hubspot__contacts", ModelUniqueId = "model.shop.people", ModelName = "people", PrimaryKey = "email",
        Connection = "hubspot", Object = "contacts", Mode = SyncMode.Upsert, Match = new MatchSpec("email", "email"),
        Fields = [new FieldMapping("tier", "account_tier")],
    };

    private readonly RecordingStateWriter state = new();
    private readonly SyncTally tally = new(Sync.Id);

    private BatchCommitter Committer() => new(Sync,
        new ModelBuilder("people").Column("email", "varchar", pii: true).Column("tier").Build(), state, tally);

    private static PendingRow Row(string email, ChangeKind kind = ChangeKind.Added) =>
        new(kind, email, "fp-" + email, null, new Dictionary<string, object?> { ["email"] = email, ["tier"] = "gold" },
            new RecordChange(email, email, new Dictionary<string, object?>(), null, "key-" + email));

    private static PendingBatch Batch(params PendingRow[] rows) => new(rows, null);

    [Fact]
    public async Task Acknowledged_rows_become_state_rejected_rows_are_recorded_masked_and_unanswered_rows_are_left_to_resend()
    {
        using var committer = Committer();
        var batch = Batch(Row("ada@example.com"), Row("bob@example.com", ChangeKind.Changed), Row("cy@example.com"), Row("dee@example.com"));

        var progress = await committer.CommitAsync(batch, new BatchResult(
        [
            RowOutcome.Ok("ada@example.com", "hs-1"),
            RowOutcome.Ok("bob@example.com"),
            new RowOutcome("cy@example.com", RowStatus.Rejected, Reason: "invalid tier"),
        ]));

        Assert.Equal([("ada@example.com", ChangeKind.Added, "hs-1"), ("bob@example.com", ChangeKind.Changed, null)],
            state.Committed.Select(r => (r.PrimaryKey, r.Kind, r.DestinationId)));
        var rejected = Assert.Single(state.Rejected);
        Assert.Equal(("cy@example.com", "invalid tier"), (rejected.PrimaryKey, rejected.Reason));
        Assert.Equal("c***@example.com", JsonDocument.Parse(rejected.Sample!).RootElement.GetProperty("email").GetString());
        Assert.Equal(new SyncCounts { Added = 1, Changed = 1, Rejected = 1, Failed = 1 }, progress.Counts);
        Assert.Equal((4, 4L), (progress.BatchRows, progress.RowsDone));
        Assert.Equal(1, state.LockRenewals);
    }

    [Fact]
    public async Task The_last_answer_for_a_key_counts_when_a_destination_answers_twice()
    {
        using var committer = Committer();

        await committer.CommitAsync(Batch(Row("ada@example.com")), new BatchResult(
            [new RowOutcome("ada@example.com", RowStatus.Rejected, Reason: "busy"), RowOutcome.Ok("ada@example.com", "hs-1")]));

        Assert.Equal("hs-1", Assert.Single(state.Committed).DestinationId);
        Assert.Empty(state.Rejected);
        Assert.Empty(tally.Errors);
    }

    [Fact]
    public async Task Rejections_of_several_batches_make_one_error_with_the_sync_s_total_and_five_masked_keys()
    {
        using var committer = Committer();
        string[] emails = ["a1@x.io", "a2@x.io", "a3@x.io", "a4@x.io", "a5@x.io", "a6@x.io", "a7@x.io"];
        foreach (var chunk in emails.Chunk(3))
            await committer.CommitAsync(Batch(chunk.Select(e => Row(e)).ToArray()),
                new BatchResult(chunk.Select(e => new RowOutcome(e, RowStatus.Rejected, Reason: "no")).ToList()));

        var error = Assert.Single(tally.Errors);
        Assert.Equal(OutcomeCode.RowsRejected, error.Code);
        Assert.Equal("7 row(s) refused by hubspot.contacts; they are retried next run", error.Message);
        Assert.Equal(["a***@x.io", "a***@x.io", "a***@x.io", "a***@x.io", "a***@x.io"], error.Sample!.Select(s => s["primary_key"]));
        Assert.Equal(3, state.LockRenewals);
    }

    [Fact]
    public async Task A_batch_acknowledged_without_a_request_writes_no_rejections_and_counts_removals()
    {
        using var committer = Committer();

        var progress = await committer.CommitAsync(Batch(Row("ada@example.com", ChangeKind.Removed)),
            new BatchResult([RowOutcome.Ok("ada@example.com")]));

        Assert.Equal(ChangeKind.Removed, Assert.Single(state.Committed).Kind);
        Assert.Equal(0, state.RejectedCalls);
        Assert.Equal(new SyncCounts { Removed = 1 }, progress.Counts);
    }

    [Fact]
    public void Model_rows_with_invalid_keys_are_counted_as_rejected_with_a_masked_sample()
    {
        using var committer = Committer();

        committer.CountInvalidKeys(new RejectedKeys(1, 2,
            [new RejectedModelRow(KeyRejection.DuplicatePrimaryKey, "ada@example.com", new Dictionary<string, object?> { ["email"] = "ada@example.com" })]));

        Assert.Equal(3, tally.Counts.Rejected);
        var error = Assert.Single(tally.Errors);
        Assert.Equal(OutcomeCode.InvalidPrimaryKey, error.Code);
        Assert.Equal("a***@example.com", Assert.Single(error.Sample!)["email"]);
    }

    /// <summary>Records the state writes instead of making them.</summary>
    private sealed class RecordingStateWriter : ISyncStateWriter
    {
        public List<AcknowledgedRow> Committed { get; } = [];
        public List<RejectedRow> Rejected { get; } = [];
        public int RejectedCalls { get; private set; }
        public int LockRenewals { get; private set; }

        public Task CommitAsync(IReadOnlyList<AcknowledgedRow> rows)
        {
            Committed.AddRange(rows);
            return Task.CompletedTask;
        }

        public Task RecordRejectedAsync(IReadOnlyList<RejectedRow> rows)
        {
            RejectedCalls++;
            Rejected.AddRange(rows);
            return Task.CompletedTask;
        }

        public Task RenewLockAsync()
        {
            LockRenewals++;
            return Task.CompletedTask;
        }
    }
}
