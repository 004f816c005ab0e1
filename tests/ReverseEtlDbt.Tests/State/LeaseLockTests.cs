using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Tests.Warehouse.Diff;
using ReverseEtlDbt.Warehouse;
using Xunit;

namespace ReverseEtlDbt.Tests.State;

/// <summary>
/// The lease lock where a warehouse has no advisory lock (WAREHOUSES.md §6): Redshift's (a transaction holding
/// <c>LOCK TABLE</c>, run on the PostgreSQL server) and Snowflake's (one <c>MERGE</c>, on the emulator). Two runners
/// racing for a sync: one holds it, the other is refused naming the holder; a released or expired lease is taken.
/// </summary>
public sealed class LeaseLockTests
{
    private const string SyncId = CustomerModel.SyncId;

    public static TheoryData<WarehouseKind> LeaseKinds => new(WarehouseKind.Redshift, WarehouseKind.Snowflake);

    [SkippableTheory]
    [MemberData(nameof(LeaseKinds))]
    public async Task Of_two_racing_runners_one_holds_the_sync_and_the_other_is_told_who(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await using var first = await db.OpenAnotherAsync();
        await using var second = await db.OpenAnotherAsync();
        var ledger = await new StateSchemaMigrator(first, db.Schema, TimeProvider.System).MigrateAsync(default);

        var attempts = await Task.WhenAll(SyncLockTests.TryAcquireAsync(first, "host-a:1", ledger), SyncLockTests.TryAcquireAsync(second, "host-b:2", ledger));

        var held = Assert.Single(attempts, a => a.Lock is not null).Lock!;
        var refused = Assert.Single(attempts, a => a.Error is not null).Error!;
        Assert.Equal(held.Holder, refused.Holder);
        await held.DisposeAsync();
        await using var next = await SyncLock.AcquireAsync(held.Holder == "host-a:1" ? second : first, ledger, SyncId, "host-c:3", TimeProvider.System, default);
        Assert.Equal("host-c:3", next.Holder);
    }

    [SkippableTheory]
    [MemberData(nameof(LeaseKinds))]
    public async Task An_expired_lease_is_taken_over_and_its_old_holder_cannot_renew(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 1, TimeSpan.Zero));
        await using var first = await db.OpenAnotherAsync();
        await using var other = await db.OpenAnotherAsync();
        var ledger = await new StateSchemaMigrator(first, db.Schema, time).MigrateAsync(default);
        var crashed = await SyncLock.AcquireAsync(first, ledger, SyncId, "remote-host:1", time, default, TimeSpan.FromMinutes(1));

        var refused = await Assert.ThrowsAsync<SyncLockedException>(() => SyncLock.AcquireAsync(other, ledger, SyncId, "host-b:2", time, default));
        Assert.Equal("remote-host:1", refused.Holder);

        time.Advance(TimeSpan.FromMinutes(2));
        await using var taken = await SyncLock.AcquireAsync(other, ledger, SyncId, "host-b:2", time, default);
        Assert.Equal("host-b:2", taken.Holder);
        await Assert.ThrowsAsync<SyncLockedException>(() => crashed.RenewAsync(default));
    }
}
