using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Tests.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.State;

public sealed class SyncLockTests
{
    private const string SyncId = CustomerModel.SyncId;

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Second_runner_on_a_locked_sync_is_refused_with_the_holder(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var (first, second) = (await db.OpenAsync(), await db.OpenAsync());
        var ledger = await new StateSchemaMigrator(first, db.StateSchema, TimeProvider.System).MigrateAsync(default);

        var attempts = await Task.WhenAll(
            TryAcquireAsync(first, "host-a:1", ledger),
            TryAcquireAsync(second, "host-b:2", ledger));

        var held = Assert.Single(attempts, a => a.Lock is not null).Lock!;
        var refused = Assert.Single(attempts, a => a.Error is not null).Error!;
        Assert.Equal(held.Holder, refused.Holder);
        Assert.Contains($"locked by {held.Holder} since ", refused.Message, StringComparison.Ordinal);

        await held.DisposeAsync();
        var loser = held.Holder == "host-a:1" ? second : first;
        await using var next = await SyncLock.AcquireAsync(loser, ledger, SyncId, "host-c:3", TimeProvider.System, default);
        Assert.Equal("host-c:3", next.Holder);
    }

    [SkippableFact]
    public async Task Two_state_schemas_on_one_PostgreSQL_database_lock_the_same_sync_id_independently()
    {
        await using var db = await TestDatabase.CreateAsync("postgres");
        var (first, second) = (await db.OpenAsync(), await db.OpenAsync());
        var prod = await new StateSchemaMigrator(first, db.StateSchema, TimeProvider.System).MigrateAsync(default);
        var dev = await new StateSchemaMigrator(second, db.StateSchema + "_dev", TimeProvider.System).MigrateAsync(default);

        try
        {
            await using var held = await SyncLock.AcquireAsync(first, prod, SyncId, "host-a:1", TimeProvider.System, default);
            await using var other = await SyncLock.AcquireAsync(second, dev, SyncId, "host-b:2", TimeProvider.System, default);
            await Assert.ThrowsAsync<SyncLockedException>(() => SyncLock.AcquireAsync(second, prod, SyncId, "host-b:2", TimeProvider.System, default));
            Assert.Equal(("host-a:1", "host-b:2"), (held.Holder, other.Holder));
        }
        finally
        {
            await db.ExecuteAsync($"DROP SCHEMA IF EXISTS {db.StateSchema}_dev CASCADE");
        }
    }

    [Fact]
    public async Task Expired_DuckDB_lease_is_taken_over()
    {
        await using var db = await TestDatabase.CreateAsync("duckdb");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 1, TimeSpan.Zero));
        var first = await db.OpenAsync();
        var ledger = await new StateSchemaMigrator(first, db.StateSchema, time).MigrateAsync(default);
        var crashed = await SyncLock.AcquireAsync(first, ledger, SyncId, "host-a:1", time, default, TimeSpan.FromMinutes(1));

        var other = await db.OpenAsync();
        var refused = await Assert.ThrowsAsync<SyncLockedException>(() =>
            SyncLock.AcquireAsync(other, ledger, SyncId, "host-b:2", time, default));
        Assert.Equal($"sync '{SyncId}' is locked by host-a:1 since 12:00:01Z", refused.Message);

        time.Advance(TimeSpan.FromMinutes(2));
        await using var taken = await SyncLock.AcquireAsync(other, ledger, SyncId, "host-b:2", time, default);
        await Assert.ThrowsAsync<SyncLockedException>(() => crashed.RenewAsync(default));
    }

    /// <summary>The lock, or why another runner holds it (for racing acquirers).</summary>
    internal static async Task<(SyncLock? Lock, SyncLockedException? Error)> TryAcquireAsync(ReverseEtlDbt.Warehouse.IWarehouse warehouse, string holder, LedgerSchema ledger)
    {
        await Task.Yield();
        try
        {
            return (await SyncLock.AcquireAsync(warehouse, ledger, SyncId, holder, TimeProvider.System, default), null);
        }
        catch (SyncLockedException e)
        {
            return (null, e);
        }
    }
}
