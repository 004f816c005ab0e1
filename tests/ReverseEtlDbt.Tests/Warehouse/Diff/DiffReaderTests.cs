using Xunit;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Tests.Warehouse.Diff;

public sealed class DiffReaderTests
{
    private static readonly string[] ThreeCustomers =
    [
        "(1, 'ada@x.io', 'gold', 90, true)",
        "(2, 'bob@x.io', 'silver', 40, false)",
        "(3, NULL, 'bronze', NULL, NULL)",
    ];

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task First_diff_reports_every_row_as_added(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, ThreeCustomers);
        var (reader, ledger) = await OpenAsync(db);

        var rows = await reader.ReadAsync(CustomerModel.Spec(db, ledger.Schema), default).ToListAsync();

        Assert.Equal(["1", "2", "3"], rows.Select(r => r.PrimaryKey).Order());
        Assert.All(rows, r => Assert.Equal(ChangeKind.Added, r.Kind));
        var ada = rows.Single(r => r.PrimaryKey == "1");
        Assert.Equal("ada@x.io", ada.Values["email"]);
        Assert.Equal(["customer_id", "email", "score", "tier"], ada.Values.Keys.Order());
        Assert.Matches("^[0-9a-f]{32}$", ada.Fingerprint); // lower-case hex MD5 digits, then the config tag
        Assert.Null(rows.Single(r => r.PrimaryKey == "3").Values["email"]);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Second_plan_after_acknowledging_a_batch_reports_only_rows_changed_since(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var (reader, ledger, spec) = await SyncedThreeCustomersAsync(db);

        await db.ExecuteAsync($"UPDATE {db.Schema}.customers SET score = 95 WHERE customer_id = 1");
        await db.ExecuteAsync($"UPDATE {db.Schema}.customers SET email = 'c@x.io' WHERE customer_id = 3");
        await db.ExecuteAsync($"UPDATE {db.Schema}.customers SET active = true WHERE customer_id = 2"); // not a synced column
        await CustomerModel.InsertAsync(db, "(4, 'dan@x.io', 'gold', 70, true)");

        var rows = await reader.ReadAsync(spec, default).ToListAsync();

        Assert.Equal([("1", ChangeKind.Changed), ("3", ChangeKind.Changed), ("4", ChangeKind.Added)],
            rows.Select(r => (r.PrimaryKey, r.Kind)).Order());
        Assert.Equal("d-1", rows.Single(r => r.PrimaryKey == "1").DestinationId);
        Assert.Equal(new DiffCounts(1, 2, 0, 0), await CountAsync(reader, spec));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_diff_without_destination_ids_finds_the_same_changes_and_reads_no_id(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var (reader, _, spec) = await SyncedThreeCustomersAsync(db);
        await db.ExecuteAsync($"UPDATE {db.Schema}.customers SET score = 95 WHERE customer_id = 1");
        await db.ExecuteAsync($"DELETE FROM {db.Schema}.customers WHERE customer_id = 2");

        var withIds = await reader.ReadAsync(spec, default).ToListAsync();
        var withoutIds = await reader.ReadAsync(spec with { State = spec.State!.WithoutDestinationIds(db.Dialect) }, default).ToListAsync();

        Assert.Equal(["d-1", "d-2"], withIds.Select(r => r.DestinationId).Order());
        Assert.Equal(withIds.Select(r => (r.PrimaryKey, r.Kind, r.Fingerprint)).Order(), withoutIds.Select(r => (r.PrimaryKey, r.Kind, r.Fingerprint)).Order());
        Assert.All(withoutIds, r => Assert.Null(r.DestinationId));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Removed_rows_are_reported_for_rows_in_state_only(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var (reader, ledger, spec) = await SyncedThreeCustomersAsync(db);
        await ledger.CommitAsync("another_sync", [new AcknowledgedRow("99", ChangeKind.Added, "f", null)], default);

        await db.ExecuteAsync($"DELETE FROM {db.Schema}.customers WHERE customer_id = 2");
        var rows = await reader.ReadAsync(spec, default).ToListAsync();

        var removed = Assert.Single(rows);
        Assert.Equal((ChangeKind.Removed, "2", "d-2"), (removed.Kind, removed.PrimaryKey, removed.DestinationId));
        Assert.Empty(removed.Values);

        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(rows), default);
        Assert.Empty(await reader.ReadAsync(spec, default).ToListAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Mapping_change_triggers_a_full_resend_once(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, ThreeCustomers);
        var (reader, ledger) = await OpenAsync(db);
        var before = CustomerModel.Spec(db, ledger.Schema);
        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(await reader.ReadAsync(before, default).ToListAsync()), default);
        await ledger.RecordMappingAsync(CustomerModel.SyncId, before.ConfigFingerprint, before.FingerprintFormat, clearFingerprints: false, default);

        var after = CustomerModel.Spec(db, ledger.Schema, CustomerModel.Sync(("tier", "tier_v2"), ("score", "health_score")));
        Assert.NotEqual(before.ConfigFingerprint, after.ConfigFingerprint);
        var stored = await new StateLedgerView(await db.OpenAsync(), ledger.Schema).ReadMappingAsync(CustomerModel.SyncId, default);
        Assert.Equal(before.ConfigFingerprint, stored?.ConfigFingerprint);
        // The same columns under other field names: the values' fingerprints match, so the new mapping is recorded as a
        // run records it, clearing the stored fingerprints.
        Assert.Empty(await reader.ReadAsync(after, default).ToListAsync());
        Assert.True(StoredMapping.FingerprintsStale(stored, after.ConfigFingerprint));
        await ledger.RecordMappingAsync(CustomerModel.SyncId, after.ConfigFingerprint, after.FingerprintFormat, clearFingerprints: true, default);

        var resend = await reader.ReadAsync(after, default).ToListAsync();
        Assert.Equal(3, resend.Count);
        Assert.All(resend, r => Assert.Equal(ChangeKind.Changed, r.Kind));

        // A run killed after its first batch: the rows it acknowledged are not resent, the others are.
        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(resend.Take(1).ToList()), default);
        var rest = await reader.ReadAsync(after, default).ToListAsync();
        Assert.Equal(resend.Skip(1).Select(r => r.PrimaryKey).Order(), rest.Select(r => r.PrimaryKey).Order());
        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(rest), default);
        Assert.Empty(await reader.ReadAsync(after, default).ToListAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Full_resync_resends_everything(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, ThreeCustomers);
        var (reader, ledger) = await OpenAsync(db);
        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(await reader.ReadAsync(CustomerModel.Spec(db, ledger.Schema), default).ToListAsync()), default);

        var rows = await reader.ReadAsync(CustomerModel.Spec(db, ledger.Schema, fullResync: true), default).ToListAsync();

        Assert.Equal(["1", "2", "3"], rows.Select(r => r.PrimaryKey).Order());
        Assert.All(rows, r => Assert.Equal(ChangeKind.Changed, r.Kind));
        Assert.Empty(await reader.ReadAsync(CustomerModel.Spec(db, ledger.Schema), default).ToListAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Null_and_duplicate_primary_keys_are_rejected_not_diffed(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var (reader, ledger, spec) = await SyncedThreeCustomersAsync(db);
        await CustomerModel.InsertAsync(db, "(NULL, 'nokey@x.io', 'gold', 1, true)", "(2, 'bob2@x.io', 'gold', 2, true)", "(5, 'e@x.io', 'gold', 5, true)");

        var rows = await reader.ReadAsync(spec, default).ToListAsync();
        var rejected = await reader.ReadRejectedAsync(spec, default);

        Assert.Equal([("5", ChangeKind.Added)], rows.Select(r => (r.PrimaryKey, r.Kind)));
        Assert.Equal((1L, 2L), (rejected.NullKeys, rejected.DuplicateKeyRows));
        Assert.Equal([(KeyRejection.NullPrimaryKey, null), (KeyRejection.DuplicatePrimaryKey, "2"), (KeyRejection.DuplicatePrimaryKey, "2")],
            rejected.Sample.Select(s => (s.Reason, s.PrimaryKey)));
        Assert.Equal("nokey@x.io", rejected.Sample[0].Values["email"]);
        Assert.Equal(new DiffCounts(1, 0, 0, 3), await CountAsync(reader, spec));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Diff_streams_while_a_second_connection_commits_state(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, ThreeCustomers);
        var (reader, ledger) = await OpenAsync(db);
        var stateLedger = new StateLedger(await db.OpenAsync(), ledger.Schema, TimeProvider.System);
        var spec = CustomerModel.Spec(db, ledger.Schema);

        var streamed = 0;
        await foreach (var row in reader.ReadAsync(spec, default))
        {
            await stateLedger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge([row]), default);
            streamed++;
        }

        Assert.Equal(3, streamed);
        Assert.Empty(await reader.ReadAsync(spec, default).ToListAsync());
        Assert.Equal(2, (await SampleAsync(reader, spec with { FullResync = true }, 2)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Plan_before_the_first_sync_counts_everything_as_added_without_creating_state(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, ThreeCustomers);
        var warehouse = await db.OpenAsync();
        var reader = new DiffReader(warehouse);
        var ledger = await LedgerSchema.ReadAsync(warehouse, db.StateSchema, default);

        Assert.False(ledger.Exists);
        Assert.Equal(new DiffCounts(3, 0, 0, 0), await CountAsync(reader, CustomerModel.Spec(db, ledger)));
        Assert.Equal(["1", "2"], (await SampleAsync(reader, CustomerModel.Spec(db, ledger), 2)).Select(r => r.PrimaryKey));
        Assert.Equal(0L, Convert.ToInt64(await db.ScalarAsync(
            $"SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '{db.StateSchema}'")));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Integer_keys_join_state_on_integers_with_the_same_answer_as_text(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, ThreeCustomers);
        await CustomerModel.InsertAsync(db, "(-7, 'neg@x.io', 'gold', 1, true)", "(2147483647, 'max@x.io', 'gold', 2, true)");
        var (reader, ledger) = await OpenAsync(db);
        var integer = CustomerModel.Spec(db, ledger.Schema);
        Assert.True(integer.IntegerKey);
        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(await reader.ReadAsync(integer, default).ToListAsync()), default);
        // State from when the key was text: "abc" and "007" have no integer form and must read as removed, by their text.
        await ledger.CommitAsync(CustomerModel.SyncId, [new AcknowledgedRow("abc", ChangeKind.Added, "f", "d-abc"), new AcknowledgedRow("007", ChangeKind.Added, "f", "d-007")], default);
        await db.ExecuteAsync($"UPDATE {db.Schema}.customers SET tier = 'gold' WHERE customer_id = 2");
        await db.ExecuteAsync($"DELETE FROM {db.Schema}.customers WHERE customer_id = -7");
        await CustomerModel.InsertAsync(db, "(7, 'seven@x.io', 'gold', 7, true)");

        var byInteger = await reader.ReadAsync(integer, default).ToListAsync();
        var byText = await reader.ReadAsync(CustomerModel.Spec(db, ledger.Schema, keyType: null), default).ToListAsync();

        Assert.Equal(
            [("-7", ChangeKind.Removed), ("007", ChangeKind.Removed), ("2", ChangeKind.Changed), ("7", ChangeKind.Added), ("abc", ChangeKind.Removed)],
            byInteger.Select(r => (r.PrimaryKey, r.Kind)).OrderBy(r => r.PrimaryKey, StringComparer.Ordinal));
        Assert.Equal(Describe(byText), Describe(byInteger));
        Assert.Equal("d-007", byInteger.Single(r => r.PrimaryKey == "007").DestinationId);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_version_1_ledger_is_diffed_on_text_keys_without_being_migrated(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var (reader, ledger, spec) = await SyncedThreeCustomersAsync(db);
        await db.ExecuteAsync($"ALTER TABLE {db.StateSchema}.synced_rows DROP COLUMN primary_key_int");
        await db.ExecuteAsync($"ALTER TABLE {db.StateSchema}.sync_config DROP COLUMN row_fingerprint");
        await db.ExecuteAsync($"DELETE FROM {db.StateSchema}.schema_version WHERE version >= 2");
        await db.ExecuteAsync($"UPDATE {db.Schema}.customers SET score = 1 WHERE customer_id = 2");
        var found = await LedgerSchema.ReadAsync(await db.OpenAsync(), db.StateSchema, default);
        spec = CustomerModel.Spec(db, found);

        var rows = await reader.ReadAsync(spec, default).ToListAsync();

        Assert.Equal((1, null), (found.Version, spec.State!.IntegerKey));
        Assert.Equal([("2", ChangeKind.Changed)], rows.Select(r => (r.PrimaryKey, r.Kind)));
        Assert.Equal(new DiffCounts(0, 1, 0, 0), await CountAsync(reader, spec));
        Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync($"SELECT MAX(version) FROM {db.StateSchema}.schema_version")));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Checked_diff_finds_every_kind_of_duplicated_key_without_a_separate_scan(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, Enumerable.Range(1, 6).Select(i => $"({i}, 'c{i}@x.io', 'gold', {i}, true)").ToArray());
        var (reader, ledger) = await OpenAsync(db);
        var spec = CustomerModel.Spec(db, ledger.Schema);
        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(await reader.ReadAsync(spec, default).ToListAsync()), default);

        // Clean keys: nothing rejected, nothing to send.
        var (clean, none) = await reader.MaterializeCheckedAsync(spec, default);
        await using (clean) Assert.Equal((0L, 0L), (clean.Counts.Total, none.Total));

        // 1: an exact copy of a synced row (neither copy differs from state, so neither is in the diff);
        // 2: a copy that differs (one changed row); 7: a new key twice (two added rows); and a null key.
        await CustomerModel.InsertAsync(db, "(1, 'c1@x.io', 'gold', 1, true)", "(2, 'other@x.io', 'gold', 2, true)",
            "(7, 'a@x.io', 'gold', 7, true)", "(7, 'b@x.io', 'gold', 7, true)", "(NULL, 'n@x.io', 'gold', 0, true)");
        await db.ExecuteAsync($"UPDATE {db.Schema}.customers SET score = 50 WHERE customer_id = 3");

        var (diff, rejected) = await reader.MaterializeCheckedAsync(spec, default);
        await using (diff)
        {
            Assert.Equal((1L, 6L), (rejected.NullKeys, rejected.DuplicateKeyRows));
            Assert.Equal(new DiffCounts(0, 1, 0, 0), diff.Counts);
            Assert.Equal([("3", ChangeKind.Changed)], (await diff.ReadAsync(default).ToListAsync()).Select(r => (r.PrimaryKey, r.Kind)));
        }

        // Each case alone is found too, including the copy that changes nothing.
        await db.ExecuteAsync($"DELETE FROM {db.Schema}.customers WHERE customer_id IN (2, 7) OR customer_id IS NULL");
        await CustomerModel.InsertAsync(db, "(2, 'c2@x.io', 'gold', 2, true)");
        var (onlyCopy, copyRejected) = await reader.MaterializeCheckedAsync(spec, default);
        await using (onlyCopy) Assert.Equal((0L, 2L), (copyRejected.NullKeys, copyRejected.DuplicateKeyRows));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Materialized_diff_counts_and_pages_through_every_change_then_drops_its_table(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await CustomerModel.CreateAsync(db, Enumerable.Range(1, 23).Select(i => $"({i}, 'c{i}@x.io', 'gold', {i}, true)").ToArray());
        // As the engine does: the diff on one connection, state commits on another.
        var reading = await db.OpenAsync();
        var reader = new DiffReader(reading);
        var ledger = await StateLedger.OpenAsync(await db.OpenAsync(), db.StateSchema, TimeProvider.System, default);
        var spec = CustomerModel.Spec(db, ledger.Schema);
        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge((await reader.ReadAsync(spec, default).ToListAsync()).Where(r => r.PrimaryKey != "5")), default);
        await ledger.CommitAsync(CustomerModel.SyncId, [new AcknowledgedRow("99", ChangeKind.Added, "f", "d-99")], default);
        await db.ExecuteAsync($"UPDATE {db.Schema}.customers SET score = 0 WHERE customer_id > 10");
        var expected = Describe(await reader.ReadAsync(spec, default).ToListAsync());

        List<DiffRow> paged;
        string table;
        await using (var diff = await reader.MaterializeAsync(spec, default, pageSize: 4))
        {
            table = diff.TableName;
            Assert.Equal(new DiffCounts(1, 13, 1, 0), diff.Counts);
            paged = await diff.ReadAsync(default).ToListAsync();
            // State committed meanwhile does not change what the materialised diff returns.
            await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(paged), default);
            Assert.Equal(15, (await diff.ReadAsync(default).ToListAsync()).Count);
        }

        Assert.Equal(15, paged.Count);
        Assert.Equal(expected, Describe(paged));
        await using (var probe = reading.Connection.CreateCommand())
        {
            probe.CommandText = $"SELECT COUNT(*) FROM {table}";
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => probe.ExecuteScalarAsync());
        }
        Assert.Empty(await reader.ReadAsync(spec, default).ToListAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_key_the_warehouse_enforces_needs_no_duplicate_check_and_a_unique_one_still_rejects_nulls(string engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await db.ExecuteAsync($"CREATE TABLE {db.Schema}.with_pk (customer_id INTEGER PRIMARY KEY, email TEXT, tier TEXT, score INTEGER)");
        await db.ExecuteAsync($"CREATE TABLE {db.Schema}.with_unique (customer_id INTEGER UNIQUE, email TEXT, tier TEXT, score INTEGER)");
        await db.ExecuteAsync($"CREATE TABLE {db.Schema}.composite (customer_id INTEGER, email TEXT, tier TEXT, score INTEGER, PRIMARY KEY (customer_id, email))");
        await db.ExecuteAsync($"INSERT INTO {db.Schema}.with_unique VALUES (1, 'a@x.io', 'gold', 1), (NULL, 'b@x.io', 'gold', 2)");
        await db.ExecuteAsync($"INSERT INTO {db.Schema}.composite VALUES (1, 'a@x.io', 'gold', 1), (1, 'b@x.io', 'gold', 2)");
        var warehouse = await db.OpenAsync();

        // Redshift and Snowflake keep constraints informational only: a declared key proves nothing there, so every key is checked.
        var enforced = engine is not ("redshift" or "snowflake");
        Assert.Equal(enforced ? KeyConstraint.PrimaryKey : KeyConstraint.None, await KeyConstraints.ReadAsync(warehouse, db.Relation("with_pk"), "CUSTOMER_ID", default));
        Assert.Equal(enforced ? KeyConstraint.Unique : KeyConstraint.None, await KeyConstraints.ReadAsync(warehouse, db.Relation("with_unique"), "customer_id", default));
        Assert.Equal(KeyConstraint.None, await KeyConstraints.ReadAsync(warehouse, db.Relation("composite"), "customer_id", default));

        var reader = new DiffReader(warehouse);
        var unique = await reader.ReadRejectedAsync(DiffSpec.For(CustomerModel.Sync(), db.Relation("with_unique")), default);
        Assert.Equal((1L, 0L), (unique.NullKeys, unique.DuplicateKeyRows));
        var composite = await reader.ReadRejectedAsync(DiffSpec.For(CustomerModel.Sync(), db.Relation("composite")), default);
        Assert.Equal((0L, 2L), (composite.NullKeys, composite.DuplicateKeyRows));
    }

    private static List<string> Describe(IEnumerable<DiffRow> rows) =>
        rows.Select(r => $"{r.Kind} {r.PrimaryKey} {r.Fingerprint} {r.DestinationId} {string.Join(",", r.Values.OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}"))}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>The three customers in the model, diffed and every row acknowledged into state: a first sync done.</summary>
    private static async Task<(DiffReader Reader, StateLedger Ledger, DiffSpec Spec)> SyncedThreeCustomersAsync(TestDatabase db)
    {
        await CustomerModel.CreateAsync(db, ThreeCustomers);
        var (reader, ledger) = await OpenAsync(db);
        var spec = CustomerModel.Spec(db, ledger.Schema);
        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(await reader.ReadAsync(spec, default).ToListAsync()), default);
        return (reader, ledger, spec);
    }

    private static async Task<(DiffReader Reader, StateLedger Ledger)> OpenAsync(TestDatabase db)
    {
        var warehouse = await db.OpenAsync();
        var ledger = await StateLedger.OpenAsync(warehouse, db.StateSchema, TimeProvider.System, default);
        return (new DiffReader(warehouse), ledger);
    }

    /// <summary>Counts as <c>retl plan</c> reads them: from the one materialised diff, with the rejected keys.</summary>
    private static async Task<DiffCounts> CountAsync(DiffReader reader, DiffSpec spec)
    {
        var (diff, rejected) = await reader.MaterializeCheckedAsync(spec, default);
        await using var _ = diff;
        return diff.Counts with { Rejected = rejected.Total };
    }

    /// <summary>Samples as <c>retl plan</c> reads them, from the materialised diff.</summary>
    private static async Task<IReadOnlyList<DiffRow>> SampleAsync(DiffReader reader, DiffSpec spec, int count)
    {
        var (diff, _) = await reader.MaterializeCheckedAsync(spec, default, withValues: false);
        await using var __ = diff;
        return await diff.SampleAsync(count, default);
    }
}
