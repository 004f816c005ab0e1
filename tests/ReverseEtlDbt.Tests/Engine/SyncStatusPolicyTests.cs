using ReverseEtlDbt.Engine;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>How a sync's errors and counts become its status: one policy for sync and plan.</summary>
public sealed class SyncStatusPolicyTests
{
    [Theory]
    [InlineData(SyncErrorCodes.AuthFailed)]
    [InlineData(SyncErrorCodes.DestinationError)]
    [InlineData(SyncErrorCodes.ContractMismatch)]
    [InlineData(SyncErrorCodes.SyncLocked)]
    [InlineData(SyncErrorCodes.ConfigError)]
    [InlineData(SyncErrorCodes.WarehouseError)]
    public void An_error_that_stopped_the_sync_makes_it_an_error_whatever_else_happened(string code)
    {
        var errors = new[] { new SyncError(SyncErrorCodes.RowsRejected, "2 row(s) refused"), new SyncError(code, "stopped") };

        Assert.Equal(SyncStatus.Error, SyncStatusPolicy.Of(errors, new SyncCounts { Added = 10, Rejected = 2 }));
    }

    [Theory]
    [InlineData(SyncErrorCodes.RowsRejected)]
    [InlineData(SyncErrorCodes.InvalidPrimaryKey)]
    [InlineData(SyncErrorCodes.Interrupted)]
    public void An_error_about_some_rows_makes_it_partial(string code) =>
        Assert.Equal(SyncStatus.Partial, SyncStatusPolicy.Of([new SyncError(code, "some rows")], new SyncCounts { Added = 10 }));

    [Fact]
    public void Rejected_or_failed_rows_make_it_partial_even_without_an_error()
    {
        Assert.Equal(SyncStatus.Partial, SyncStatusPolicy.Of([], new SyncCounts { Added = 3, Rejected = 1 }));
        Assert.Equal(SyncStatus.Partial, SyncStatusPolicy.Of([], new SyncCounts { Added = 3, Failed = 1 }));
    }

    [Fact]
    public void Every_row_acknowledged_is_a_success_however_many_retries_it_took() =>
        Assert.Equal(SyncStatus.Success, SyncStatusPolicy.Of([], new SyncCounts { Added = 3, Changed = 2, Removed = 1, Requests = 9, Retries = 6 }));
}
