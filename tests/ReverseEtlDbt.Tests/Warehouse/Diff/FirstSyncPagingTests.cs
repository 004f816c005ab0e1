using Xunit;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Tests.Warehouse.Diff;

/// <summary>
/// A sync with no rows in state on DuckDB (a first full sync) pages its added rows straight from the model by row id:
/// no temporary copy of the model, every row exactly once, with the same values and fingerprints as the one-query diff.
/// </summary>
public sealed class FirstSyncPagingTests
{
    [Fact]
    public async Task A_first_sync_pages_every_row_from_the_model_once_without_a_temporary_table()
    {
        await using var db = await TestDatabase.CreateAsync("duckdb");
        await CustomerModel.CreateAsync(db, Enumerable.Range(1, 23).Select(i => $"({i}, 'c{i}@x.io', 'gold', {i}, {i % 2 == 0})")
            .Append("(NULL, 'nokey@x.io', 'gold', 0, true)").Append("(24, NULL, NULL, NULL, NULL)").ToArray());
        await db.ExecuteAsync($"DELETE FROM {db.Schema}.customers WHERE customer_id IN (5, 6)"); // row id gaps
        var (reader, ledger, reading) = await OpenAsync(db);
        var spec = CustomerModel.Spec(db, ledger.Schema);
        var expected = Describe(await reader.ReadAsync(spec, default).ToListAsync());

        var (diff, rejected) = await reader.MaterializeCheckedAsync(spec, default, pageSize: 4);
        await using (diff)
        {
            Assert.True(diff.PagedFromModel);
            await using var probe = reading.Connection.CreateCommand();
            probe.CommandText = "SELECT COUNT(*) FROM duckdb_tables() WHERE temporary";
            Assert.Equal(0L, Convert.ToInt64(await probe.ExecuteScalarAsync()));
            Assert.Equal(new DiffCounts(22, 0, 0, 0), diff.Counts);
            Assert.Equal((1L, 0L), (rejected.NullKeys, rejected.DuplicateKeyRows));
            var rows = await diff.ReadAsync(default).ToListAsync();
            Assert.Equal(22, rows.Select(r => r.PrimaryKey).Distinct().Count());
            Assert.Equal(expected, Describe(rows));
        }
    }

    [Fact]
    public async Task A_sync_with_state_a_view_or_a_repeated_key_materialises_its_diff_as_before()
    {
        await using var db = await TestDatabase.CreateAsync("duckdb");
        await CustomerModel.CreateAsync(db, Enumerable.Range(1, 6).Select(i => $"({i}, 'c{i}@x.io', 'gold', {i}, true)").ToArray());
        await db.ExecuteAsync($"CREATE VIEW {db.Schema}.customers_view AS SELECT * FROM {db.Schema}.customers");
        var (reader, ledger, _) = await OpenAsync(db);
        var spec = CustomerModel.Spec(db, ledger.Schema);

        var view = spec with { Relation = db.Relation("customers_view") };
        var (overView, _) = await reader.MaterializeCheckedAsync(view, default);
        await using (overView) Assert.Equal((false, 6L), (overView.PagedFromModel, overView.Counts.Added));

        await CustomerModel.InsertAsync(db, "(6, 'again@x.io', 'gold', 6, true)");
        var (repeated, rejected) = await reader.MaterializeCheckedAsync(spec, default);
        await using (repeated) Assert.Equal((false, 5L, 2L), (repeated.PagedFromModel, repeated.Counts.Added, rejected.DuplicateKeyRows));

        await ledger.CommitAsync(CustomerModel.SyncId, CustomerModel.Acknowledge(await reader.ReadAsync(spec, default).ToListAsync()), default);
        await CustomerModel.InsertAsync(db, "(7, 'c7@x.io', 'gold', 7, true)");
        var (withState, _) = await reader.MaterializeCheckedAsync(spec, default);
        await using (withState) Assert.Equal((false, 1L), (withState.PagedFromModel, withState.Counts.Added));
    }

    /// <summary>As the engine does: the diff on one connection, state commits on another.</summary>
    private static async Task<(DiffReader Reader, StateLedger Ledger, ConnectionWarehouse Reading)> OpenAsync(TestDatabase db)
    {
        var ledger = await StateLedger.OpenAsync(await db.OpenAsync(), db.StateSchema, TimeProvider.System, default);
        var reading = await db.OpenAsync();
        return (new DiffReader(reading), ledger, reading);
    }

    private static List<string> Describe(IEnumerable<DiffRow> rows) =>
        rows.Select(r => $"{r.Kind} {r.PrimaryKey} {r.Fingerprint} {r.DestinationId} {string.Join(",", r.Values.OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}"))}")
            .Order(StringComparer.Ordinal).ToList();
}
