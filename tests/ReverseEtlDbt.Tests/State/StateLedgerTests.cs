using System.Data.Common;
using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Tests.Warehouse.Diff;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.State;

public sealed class StateLedgerTests
{
    private const string SyncId = CustomerModel.SyncId;

    /// <remarks>Not on Redshift: migration 2 rewrites keys written before it, and a Redshift ledger is created at a later release, so it starts empty.</remarks>
    [SkippableTheory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    public async Task Migration_2_gives_exactly_the_canonical_integer_keys_an_integer_copy(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await new StateSchemaMigrator(await db.OpenAsync(), db.StateSchema, TimeProvider.System).MigrateAsync(default);
        // Back to a version 1 ledger holding keys written before version 2 existed.
        await db.ExecuteAsync($"ALTER TABLE {db.StateSchema}.synced_rows DROP COLUMN primary_key_int");
        await db.ExecuteAsync($"ALTER TABLE {db.StateSchema}.sync_config DROP COLUMN row_fingerprint");
        await db.ExecuteAsync($"DELETE FROM {db.StateSchema}.schema_version WHERE version >= 2");
        string[] keys = ["12", "0", "-5", "007", "-0", "+3", "abc", "1e3", "9223372036854775807", "9223372036854775808", "-9223372036854775808"];
        foreach (var key in keys)
            await db.ExecuteAsync($"INSERT INTO {db.StateSchema}.synced_rows VALUES ('s', '{key}', 'fp', NULL, TIMESTAMP '2026-01-01 00:00:00')");

        Assert.Equal(4, (await new StateSchemaMigrator(await db.OpenAsync(), db.StateSchema, TimeProvider.System).MigrateAsync(default)).Version);

        foreach (var key in keys)
        {
            var migrated = await db.ScalarAsync($"SELECT primary_key_int FROM {db.StateSchema}.synced_rows WHERE primary_key = '{key}'");
            var expected = StateLedger.IntegerKey(key);
            Assert.True(expected == (migrated is DBNull or null ? null : Convert.ToInt64(migrated)), $"key '{key}': migrated {migrated}, expected {expected}");
        }
        Assert.Equal(["12", "0", "-5", "9223372036854775807", "-9223372036854775808"], keys.Where(k => StateLedger.IntegerKey(k) is not null));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task State_schema_is_created_once_and_versioned(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var first = new StateSchemaMigrator(await db.OpenAsync(), db.StateSchema, TimeProvider.System);
        var second = new StateSchemaMigrator(await db.OpenAsync(), db.StateSchema, TimeProvider.System);

        Assert.Equal(4, (await first.MigrateAsync(default)).Version);
        Assert.Equal(4, (await second.MigrateAsync(default)).Version);

        Assert.Equal(4L, Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(*) FROM {db.StateSchema}.schema_version")));
        Assert.NotNull(await db.ScalarAsync($"SELECT applied_at FROM {db.StateSchema}.schema_version WHERE version = 1"));
        foreach (var table in new[] { "synced_rows", "sync_config", "runs", "rejected_rows", "locks" })
            Assert.Equal(0L, Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(*) FROM {db.StateSchema}.{table}")));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Rejected_rows_are_not_in_state_and_come_back_next_run(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, "(1, 'ada@x.io', 'gold', 90, true)", "(2, 'not-an-email', 'gold', 10, true)");
        var warehouse = await db.OpenAsync();
        var (reader, ledger) = (new DiffReader(warehouse), await StateLedger.OpenAsync(warehouse, db.StateSchema, TimeProvider.System, default));
        var view = new StateLedgerView(warehouse, ledger.Schema);
        var spec = CustomerModel.Spec(db, ledger.Schema);

        for (var run = 1; run <= 2; run++)
        {
            var rows = await reader.ReadAsync(spec, default).ToListAsync();
            Assert.Contains(rows, r => r.PrimaryKey == "2");
            await ledger.CommitAsync(SyncId, CustomerModel.Acknowledge(rows.Where(r => r.PrimaryKey != "2")), default);
            await ledger.RecordRejectedAsync(SyncId, [new RejectedRow("2", "invalid email", "{\"email\":\"n***\"}")], default);
        }

        Assert.Equal(2L, Convert.ToInt64(await db.ScalarAsync($"SELECT attempts FROM {db.StateSchema}.rejected_rows WHERE primary_key = '2'")));
        Assert.Null(await db.ScalarAsync($"SELECT fingerprint FROM {db.StateSchema}.synced_rows WHERE primary_key = '2'"));
        var summary = Assert.Single(await view.ShowAsync(SyncId, default));
        Assert.Equal((1L, 1L), (summary.RowsInState, summary.RejectedRows));
        var pending = Assert.Single(await view.ReadRejectedAsync([SyncId, "other_sync"], 10, default));
        Assert.Equal((SyncId, "2", "invalid email", "{\"email\":\"n***\"}", 2), (pending.SyncId, pending.PrimaryKey, pending.Reason, pending.Sample, pending.Attempts));
        Assert.True(pending.LastSeen >= pending.FirstSeen);
        Assert.Empty(await view.ReadRejectedAsync(["other_sync"], 10, default));

        await db.ExecuteAsync($"UPDATE {db.Schema}.customers SET email = 'bob@x.io' WHERE customer_id = 2");
        var fixedRow = Assert.Single(await reader.ReadAsync(spec, default).ToListAsync());
        await ledger.CommitAsync(SyncId, CustomerModel.Acknowledge([fixedRow]), default);
        Assert.Equal(0L, Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(*) FROM {db.StateSchema}.rejected_rows")));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Commit_is_one_transaction_per_batch(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var ledger = await StateLedger.OpenAsync(await db.OpenAsync(), db.StateSchema, TimeProvider.System, default);
        await ledger.CommitAsync(SyncId, [Ack("1"), Ack("2")], default);

        // The batch's last statement (clearing rejected rows) fails: its upserts and removals must roll back too.
        await db.ExecuteAsync($"DROP TABLE {db.StateSchema}.rejected_rows");
        await Assert.ThrowsAnyAsync<DbException>(() =>
            ledger.CommitAsync(SyncId, [Ack("3"), Ack("1", ChangeKind.Changed, "f2"), Ack("2", ChangeKind.Removed)], default));

        Assert.Equal("1:f1,2:f2", await db.ScalarAsync(
            $"SELECT string_agg(primary_key || ':' || fingerprint, ',' ORDER BY primary_key) FROM {db.StateSchema}.synced_rows"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Reset_forgets_a_sync(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var ledger = await StateLedger.OpenAsync(await db.OpenAsync(), db.StateSchema, TimeProvider.System, default);
        foreach (var sync in new[] { SyncId, "other" })
        {
            await ledger.CommitAsync(sync, [Ack("1"), Ack("2")], default);
            await ledger.RecordRejectedAsync(sync, [new RejectedRow("3", "bad", null)], default);
            await ledger.RecordMappingAsync(sync, "cfg", RowFingerprintFormat.Values, clearFingerprints: false, default);
            var run = await ledger.StartRunAsync(sync, "sync", default);
            await ledger.FinishRunAsync(run, RunStatus.Partial, new RunCounts(2, 0, 0, 1, 0, 1), default);
        }

        await ledger.ResetAsync(SyncId, default);

        var summaries = await (await StateLedgerView.OpenAsync(await db.OpenAsync(), db.StateSchema, default)).ShowAsync(null, default);
        Assert.Equal(["customers__crm__contacts", "other"], summaries.Select(s => s.SyncId));
        var reset = summaries[0];
        Assert.Equal((0L, 0L, null, RunStatus.Partial), (reset.RowsInState, reset.RejectedRows, reset.Mapping, reset.LastRunStatus));
        var other = summaries[1];
        Assert.Equal((2L, 1L, "cfg"), (other.RowsInState, other.RejectedRows, other.Mapping?.ConfigFingerprint));
        Assert.NotNull(other.LastRunEndedAt);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Recording_a_mapping_can_clear_the_syncs_fingerprints_and_no_other(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var warehouse = await db.OpenAsync();
        var ledger = await StateLedger.OpenAsync(warehouse, db.StateSchema, TimeProvider.System, default);
        foreach (var sync in new[] { SyncId, "other" })
            await ledger.CommitAsync(sync, [Ack("1"), Ack("2", ChangeKind.Added, "f2")], default);

        await ledger.RecordMappingAsync(SyncId, "cfg-a", RowFingerprintFormat.Values, clearFingerprints: false, default);
        Assert.Equal("f1,f2", await FingerprintsAsync(SyncId));
        await ledger.RecordMappingAsync(SyncId, "cfg-b", RowFingerprintFormat.Values, clearFingerprints: true, default);

        Assert.Equal(",", await FingerprintsAsync(SyncId));
        Assert.Equal("f1,f2", await FingerprintsAsync("other"));
        Assert.Equal(new[] { "1", "2" }, (await db.ScalarAsync($"SELECT string_agg(primary_key, ',' ORDER BY primary_key) FROM {db.StateSchema}.synced_rows WHERE sync_id = '{SyncId}'"))?.ToString()?.Split(','));
        var stored = await new StateLedgerView(warehouse, ledger.Schema).ReadMappingAsync(SyncId, default);
        Assert.Equal(("cfg-b", RowFingerprintFormat.Values), (stored?.ConfigFingerprint, stored?.Fingerprints));

        async Task<string?> FingerprintsAsync(string sync) => (await db.ScalarAsync(
            $"SELECT string_agg(fingerprint, ',' ORDER BY primary_key) FROM {db.StateSchema}.synced_rows WHERE sync_id = '{sync}'"))?.ToString();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_recorded_mapping_keeps_its_date_until_it_changes_and_times_come_from_the_given_clock(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var warehouse = await db.OpenAsync();
        var ledger = await StateLedger.OpenAsync(warehouse, db.StateSchema, time, default);
        var view = new StateLedgerView(warehouse, ledger.Schema);

        await ledger.RecordMappingAsync(SyncId, "cfg-a", RowFingerprintFormat.Seeded, clearFingerprints: false, default);
        time.Advance(TimeSpan.FromHours(1));
        await ledger.RecordMappingAsync(SyncId, "cfg-a", RowFingerprintFormat.Seeded, clearFingerprints: false, default);
        var same = await view.ReadMappingAsync(SyncId, default);
        time.Advance(TimeSpan.FromHours(1));
        await ledger.RecordMappingAsync(SyncId, "cfg-b", RowFingerprintFormat.Tagged, clearFingerprints: false, default);
        var changed = await view.ReadMappingAsync(SyncId, default);
        // A row an earlier release wrote has no format (null): its fingerprints are seeded.
        await db.ExecuteAsync($"UPDATE {db.StateSchema}.sync_config SET row_fingerprint = NULL");
        var older = await view.ReadMappingAsync(SyncId, default);

        Assert.Equal(new StoredMapping("cfg-a", new DateTime(2026, 11, 24, 12, 0, 0), RowFingerprintFormat.Seeded), same);
        Assert.Equal(new StoredMapping("cfg-b", new DateTime(2026, 11, 24, 14, 0, 0), RowFingerprintFormat.Tagged), changed);
        Assert.Equal(RowFingerprintFormat.Seeded, older?.Fingerprints);
        Assert.Null(await view.ReadMappingAsync("other", default));
        Assert.Equal(new DateTime(2026, 11, 24, 12, 0, 0), Convert.ToDateTime(await db.ScalarAsync($"SELECT MIN(applied_at) FROM {db.StateSchema}.schema_version")));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Writers_refuse_a_ledger_this_run_did_not_migrate_and_readers_never_create_one(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var warehouse = await db.OpenAsync();

        var missing = await LedgerSchema.ReadAsync(warehouse, db.StateSchema, default);

        Assert.Equal((false, 0), (missing.Exists, missing.Version));
        Assert.Null(missing.DiffState(warehouse.Dialect));
        Assert.Throws<InvalidOperationException>(() => new StateLedger(warehouse, missing, TimeProvider.System));
        await Assert.ThrowsAsync<InvalidOperationException>(() => SyncLock.AcquireAsync(warehouse, missing, SyncId, "h:1", TimeProvider.System, default));
        var view = new StateLedgerView(warehouse, missing);
        Assert.Empty(await view.ShowAsync(null, default));
        Assert.Empty(await view.ReadRejectedAsync([SyncId], 5, default));
        Assert.Null(await view.ReadMappingAsync(SyncId, default));
        Assert.Equal(0L, Convert.ToInt64(await db.ScalarAsync($"SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '{db.StateSchema}'")));
    }

    private static AcknowledgedRow Ack(string key, ChangeKind kind = ChangeKind.Added, string? fingerprint = null) =>
        new(key, kind, fingerprint ?? "f" + key, "d-" + key);
}
