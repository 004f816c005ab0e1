using System.Reflection;
using System.Runtime.CompilerServices;
using ReverseEtlDbt.Engine;
using Xunit;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>The display gets copies: what it holds never changes while the sync goes on.</summary>
public sealed class SyncProgressSnapshotTests
{
    [Theory]
    [InlineData(typeof(SyncProgressSnapshot))]
    [InlineData(typeof(SyncCounts))]
    [InlineData(typeof(SyncOutcome))]
    public void What_the_display_and_results_receive_has_no_settable_property(Type type)
    {
        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => p.Name);

        Assert.Empty(settable);
    }

    [Fact]
    public void A_snapshot_taken_after_a_batch_keeps_its_values_when_later_batches_are_counted()
    {
        var tally = new SyncTally("people__hubspot__contacts");
        tally.Start(300);

        var first = tally.AddBatch(100, new SyncCounts { Added = 99, Rejected = 1 });
        tally.Add(new SyncCounts { Requests = 1, Retries = 1 });
        var second = tally.AddBatch(100, new SyncCounts { Changed = 100 });

        Assert.Equal(new SyncProgressSnapshot("people__hubspot__contacts", 100, 100, 300, new SyncCounts { Added = 99, Rejected = 1 }), first);
        Assert.Equal(new SyncProgressSnapshot("people__hubspot__contacts", 100, 200, 300,
            new SyncCounts { Added = 99, Changed = 100, Rejected = 1, Requests = 1, Retries = 1 }), second);
        Assert.Equal(second.Counts, tally.Counts);
    }

    [Fact]
    public void Counts_from_batches_committed_in_parallel_all_add_up()
    {
        var tally = new SyncTally("s");

        Parallel.For(0, 1000, _ => tally.AddBatch(2, new SyncCounts { Added = 1, Requests = 1 }));

        Assert.Equal(new SyncCounts { Added = 1000, Requests = 1000 }, tally.Counts);
        Assert.Equal(2002, tally.AddBatch(2, new SyncCounts()).RowsDone);
    }

    [Fact]
    public void The_first_reason_to_stop_is_kept_and_a_growing_error_is_replaced_in_place()
    {
        var tally = new SyncTally("s");

        tally.Replace(new SyncError(OutcomeCode.RowsRejected, "1 row(s) refused"));
        tally.AddOnce(new SyncError(OutcomeCode.AuthFailed, "refused first"));
        tally.AddOnce(new SyncError(OutcomeCode.AuthFailed, "refused again"));
        tally.Replace(new SyncError(OutcomeCode.RowsRejected, "3 row(s) refused"));

        Assert.Equal([(OutcomeCode.RowsRejected, "3 row(s) refused"), (OutcomeCode.AuthFailed, "refused first")],
            tally.Errors.Select(e => (e.Code, e.Message)));
    }
}
