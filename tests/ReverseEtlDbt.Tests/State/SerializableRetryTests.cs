using System.Data.Common;
using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.State.Portable;
using Xunit;

namespace ReverseEtlDbt.Tests.State;

/// <summary>
/// Redshift aborts one of two concurrent writers with "ERROR: 1023 DETAIL: Serializable isolation violation" and
/// documents retrying the transaction: a ledger transaction aborted so is run again, any other error is not.
/// </summary>
public sealed class SerializableRetryTests
{
    [Fact]
    public async Task A_transaction_aborted_for_serializable_isolation_runs_again_until_it_commits()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var run = SerializableRetry.RunAsync(() =>
        {
            attempts++;
            if (attempts < 3) throw new FakeDbException("ERROR: 1023 DETAIL: Serializable isolation violation on table - 123, transactions forming the cycle are: 1, 2", null);
            return Task.CompletedTask;
        }, time, CancellationToken.None);
        while (!run.IsCompleted)
        {
            await Task.Yield();
            time.Advance(TimeSpan.FromSeconds(1));
        }
        await run;
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Other_errors_and_the_last_attempt_pass_through()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<FakeDbException>(() => SerializableRetry.RunAsync(() =>
        {
            attempts++;
            throw new FakeDbException("permission denied for schema retl_state", "42501");
        }, new FakeTimeProvider(), CancellationToken.None));
        Assert.Equal(1, attempts);

        Assert.True(SerializableRetry.IsSerializationFailure(new FakeDbException("could not serialize access", "40001")));
        Assert.False(SerializableRetry.IsSerializationFailure(new FakeDbException("relation does not exist", "42P01")));
    }

    private sealed class FakeDbException(string message, string? sqlState) : DbException(message)
    {
        public override string? SqlState => sqlState;
    }
}
