using System.Data.Common;
using System.Runtime.CompilerServices;

namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// Runs the diff SQL of <see cref="DiffQueryBuilder"/> in the warehouse: only changed rows leave it. A sync and
/// <c>retl plan</c> alike use <see cref="MaterializeCheckedAsync"/>: the diff computed once into a temporary table
/// (with the key checks), then its counts, samples and pages read from that table of changed rows only.
/// </summary>
/// <remarks>
/// While a query runs the connection is busy (one command at a time), so state for acknowledged batches must be
/// committed through a second connection (a second <see cref="IWarehouse"/>). A materialised diff does not change
/// when those commits land.
/// </remarks>
public sealed class DiffReader(IWarehouse warehouse)
{
    private readonly DiffQueryBuilder builder = new(warehouse.Dialect);
    private readonly MaterializedDiffQueries materialized = new(warehouse.Dialect);

    /// <summary>
    /// Set by a sync holding its lease. Where scratch tables outlive the session (<see cref="DialectTraits.ScratchTablesOutliveSessions"/>)
    /// its diff table is then named after the sync (<see cref="ScratchTableOf"/>) and replaces the one a killed run left,
    /// so at most one is ever left behind per sync, until its next run. Elsewhere (and for <c>retl plan</c>) the name is random.
    /// </summary>
    public bool HoldsLease { get; init; }

    /// <summary>The scratch table of a sync that holds its lease, on a warehouse where scratch tables outlive sessions.</summary>
    public static string ScratchTableOf(string syncId) =>
        "retl_diff_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(syncId)))[..16];

    /// <summary>All changes in one query, streamed where the driver streams (Npgsql); read-only.</summary>
    public async IAsyncEnumerable<DiffRow> ReadAsync(DiffSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = WarehouseCommand.CreateForDiff(warehouse.Connection, builder.Changes(spec));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return ReadRow(reader, spec);
    }

    /// <summary>
    /// Runs the diff once into a temporary table on this connection (changed rows only) and returns it: counts by kind
    /// come from that table and rows are read from it in pages of <paramref name="pageSize"/>, so the model is read
    /// once and neither the runner nor the driver holds more than a page. The table is dropped on dispose (and by the
    /// warehouse when the connection ends).
    /// </summary>
    /// <param name="withValues">False for <c>retl plan</c>: kinds and keys only, values joined for its samples alone.</param>
    public async Task<MaterializedDiff> MaterializeAsync(DiffSpec spec, CancellationToken cancellationToken, int pageSize = 5_000, bool withValues = true)
    {
        var (table, replace) = ScratchTable(spec);
        var diff = new MaterializedDiff(warehouse, materialized, builder, spec, table, pageSize) { WithValues = withValues };
        try
        {
            await CreateAsync(builder.Materialize(spec, table, indexed: warehouse.Dialect.Traits.IndexesScratchTables, withValues, replace), cancellationToken);
            await diff.CountAsync(cancellationToken);
            return diff;
        }
        catch
        {
            await diff.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The diff of <see cref="KeyGroupedDiffSql"/> into the scratch table, with values whatever the caller (the plan's
    /// samples come from the table too): one scan of the model and one of state, the key check included. Only when it
    /// finds null or duplicated keys is the model read again, for a sample of those rows.
    /// </summary>
    private async Task<(MaterializedDiff Diff, RejectedKeys Rejected)> MaterializeGroupedAsync(
        DiffSpec spec, int pageSize, int sampleSize, CancellationToken cancellationToken)
    {
        var (table, replace) = ScratchTable(spec);
        var diff = new MaterializedDiff(warehouse, materialized, builder, spec, table, pageSize);
        try
        {
            await CreateAsync(builder.Materialize(spec, table, warehouse.Dialect.Traits.IndexesScratchTables, Grouped.Changes(spec), replace), cancellationToken);
            var (nullKeys, duplicateRows) = await diff.CountAsync(Grouped.Counts(table), cancellationToken);
            var sample = nullKeys + duplicateRows == 0 || sampleSize == 0 ? [] : await ReadRejectedSampleAsync(spec, sampleSize, cancellationToken);
            return (diff, new RejectedKeys(nullKeys, duplicateRows, sample));
        }
        catch
        {
            await diff.DisposeAsync();
            throw;
        }
    }

    private KeyGroupedDiffSql Grouped => new(warehouse.Dialect, builder);

    /// <summary>The scratch table's name, and whether it replaces one of that name (see <see cref="HoldsLease"/>).</summary>
    private (string Table, bool Replace) ScratchTable(DiffSpec spec)
    {
        var replace = HoldsLease && warehouse.Dialect.Traits.ScratchTablesOutliveSessions;
        return (replace ? ScratchTableOf(spec.SyncId) : "retl_diff_" + Guid.NewGuid().ToString("N")[..16], replace);
    }

    private async Task CreateAsync(IEnumerable<DiffQuery> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            await using var command = WarehouseCommand.Create(warehouse.Connection, statement);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// What a sync runs: the diff materialised (as <see cref="MaterializeAsync"/>) together with the null and duplicate
    /// key check, without a separate hashing pass over the model for the common case of clean keys. The diff first
    /// assumes unique keys; they were unique exactly when every model row that matched state matched its own state
    /// row (model rows with a key − added = state rows − removed) and no key repeats among added or changed rows.
    /// Only when that fails (or nulls exist) are the rejected rows counted and sampled, and the diff is redone
    /// leaving duplicated keys out. A key the warehouse enforces as primary key skips all of it; a unique one
    /// skips the duplicate test. Where the dialect groups keys in the diff (Snowflake) the check is the diff itself.
    /// </summary>
    public async Task<(MaterializedDiff Diff, RejectedKeys Rejected)> MaterializeCheckedAsync(
        DiffSpec spec, CancellationToken cancellationToken, int pageSize = 5_000, int sampleSize = 5, bool withValues = true)
    {
        if (warehouse.Dialect.Traits.GroupsKeysInDiff)
            return await MaterializeGroupedAsync(spec with { KeysVerifiedUnique = true }, pageSize, sampleSize, cancellationToken);
        var constraint = await ConstraintOfAsync(spec, cancellationToken);
        var assumeUnique = spec with { KeysVerifiedUnique = true, KeyConstraint = constraint };
        var pageable = withValues && warehouse.Dialect.Traits.RowIds;
        if (constraint == KeyConstraint.PrimaryKey && !pageable)
            return (await MaterializeAsync(assumeUnique, cancellationToken, pageSize, withValues), new RejectedKeys(0, 0, []));

        var counts = await ReadCountsAsync(builder.KeyAndStateCounts(spec), cancellationToken);
        var (nullKeys, keyed, stateRows) = (counts[0], counts[1], counts[2]);
        if (pageable && stateRows == 0 && await OverModelAsync(assumeUnique, nullKeys, keyed, pageSize, sampleSize, cancellationToken) is { } first)
            return first;
        if (constraint == KeyConstraint.PrimaryKey)
            return (await MaterializeAsync(assumeUnique, cancellationToken, pageSize, withValues), new RejectedKeys(0, 0, []));
        var diff = await MaterializeAsync(assumeUnique, cancellationToken, pageSize, withValues);
        var clean = constraint == KeyConstraint.Unique;
        if (!clean)
        {
            var repeats = (await ReadCountsAsync(materialized.Repeats(diff.TableName), cancellationToken))[0];
            clean = repeats == 0 && keyed - diff.Counts.Added == stateRows - diff.Counts.Removed;
        }
        if (clean && nullKeys == 0) return (diff, new RejectedKeys(0, 0, []));
        if (clean) return (diff, await ReadRejectedAsync(assumeUnique, KeyConstraint.Unique, sampleSize, cancellationToken));

        await diff.DisposeAsync();
        var rejected = await ReadRejectedAsync(spec, constraint, sampleSize, cancellationToken);
        return (await MaterializeAsync(spec with { KeysVerifiedUnique = rejected.DuplicateKeyRows == 0 }, cancellationToken, pageSize, withValues), rejected);
    }

    /// <summary>
    /// A sync with no rows in state on DuckDB (a first full sync, or one after <c>retl state reset</c>): every keyed
    /// model row is added, so instead of copying the model into a temporary table the rows are paged straight from it
    /// by row id (<see cref="MaterializedDiff.OverModel"/>). Null if the model has no row id (a view) or repeats a key:
    /// then the diff is materialised as for any sync.
    /// </summary>
    private async Task<(MaterializedDiff Diff, RejectedKeys Rejected)?> OverModelAsync(
        DiffSpec spec, long nullKeys, long keyed, int pageSize, int sampleSize, CancellationToken cancellationToken)
    {
        if (!await HasRowIdAsync(spec, cancellationToken)) return null;
        if (spec.KeyConstraint == KeyConstraint.None
            && (await ReadCountsAsync(builder.RejectedScreen(spec), cancellationToken))[1] > 0) return null;
        var rejected = nullKeys == 0
            ? new RejectedKeys(0, 0, [])
            : await ReadRejectedAsync(spec, KeyConstraint.Unique, sampleSize, cancellationToken);
        return (MaterializedDiff.OverModel(warehouse, materialized, builder, spec, keyed, pageSize), rejected);
    }

    private async Task<bool> HasRowIdAsync(DiffSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = WarehouseCommand.Create(warehouse.Connection, materialized.RowIdProbe(spec.Relation));
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (DbException)
        {
            return false; // a view: DuckDB binds rowid for tables only
        }
    }

    /// <summary>
    /// Rows with a null or duplicated primary key: counts and up to <paramref name="sampleSize"/> raw rows. A key the
    /// warehouse enforces as primary key needs no query; otherwise one scan screens for nulls and repeated keys, and
    /// only when it finds some are the affected rows counted and sampled.
    /// </summary>
    public async Task<RejectedKeys> ReadRejectedAsync(DiffSpec spec, CancellationToken cancellationToken, int sampleSize = 5) =>
        await ReadRejectedAsync(spec, await ConstraintOfAsync(spec, cancellationToken), sampleSize, cancellationToken);

    private async Task<RejectedKeys> ReadRejectedAsync(DiffSpec spec, KeyConstraint constraint, int sampleSize, CancellationToken cancellationToken)
    {
        var sample = new List<RejectedModelRow>();
        if (constraint == KeyConstraint.PrimaryKey) return new RejectedKeys(0, 0, sample);

        var screen = await ReadCountsAsync(builder.RejectedScreen(spec, countRepeats: constraint != KeyConstraint.Unique), cancellationToken);
        var (nullKeys, repeats) = (screen[0], screen[1]);
        if (nullKeys + repeats == 0) return new RejectedKeys(0, 0, sample);
        var duplicateRows = repeats == 0 ? 0 : (await ReadCountsAsync(builder.RejectedCounts(spec), cancellationToken))[1];
        return new RejectedKeys(nullKeys, duplicateRows, sampleSize == 0 ? sample : await ReadRejectedSampleAsync(spec, sampleSize, cancellationToken));
    }

    /// <summary>Up to <paramref name="sampleSize"/> model rows with a null or duplicated key, as they are in the model.</summary>
    private async Task<List<RejectedModelRow>> ReadRejectedSampleAsync(DiffSpec spec, int sampleSize, CancellationToken cancellationToken)
    {
        var sample = new List<RejectedModelRow>();
        await using var command = WarehouseCommand.Create(warehouse.Connection, builder.RejectedSample(spec, sampleSize));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var reason = Convert.ToInt32(reader.GetValue(0)) == 0 ? KeyRejection.NullPrimaryKey : KeyRejection.DuplicatePrimaryKey;
            var key = reader.IsDBNull(1) ? null : reader.GetString(1);
            sample.Add(new RejectedModelRow(reason, key, ReadValues(reader, spec, firstValue: 2)));
        }
        return sample;
    }

    /// <summary>The key's constraint: as the spec states it, else read from the warehouse's catalog.</summary>
    private async Task<KeyConstraint> ConstraintOfAsync(DiffSpec spec, CancellationToken cancellationToken) =>
        spec.KeyConstraint != KeyConstraint.None
            ? spec.KeyConstraint
            : await KeyConstraints.ReadAsync(warehouse, spec.Relation, spec.PrimaryKey, cancellationToken);

    /// <summary>The first row of <paramref name="query"/>'s result, every column a count.</summary>
    private async Task<long[]> ReadCountsAsync(DiffQuery query, CancellationToken cancellationToken)
    {
        await using var command = WarehouseCommand.Create(warehouse.Connection, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToInt64(reader.GetValue(i))).ToArray();
    }

    internal static DiffRow ReadRow(DbDataReader reader, DiffSpec spec)
    {
        var kind = (ChangeKind)Convert.ToInt32(reader.GetValue(0));
        var values = kind == ChangeKind.Removed
            ? new Dictionary<string, object?>()
            : ReadValues(reader, spec, firstValue: 4);
        return new DiffRow(kind, reader.GetString(1), values, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private static Dictionary<string, object?> ReadValues(DbDataReader reader, DiffSpec spec, int firstValue)
    {
        var values = new Dictionary<string, object?>(spec.Columns.Count + 1, StringComparer.Ordinal)
        {
            [spec.PrimaryKey] = ValueReader.Read(reader, firstValue, spec.ReadingOf(0)),
        };
        for (var i = 0; i < spec.Columns.Count; i++)
            values[spec.Columns[i]] = ValueReader.Read(reader, firstValue + 1 + i, spec.ReadingOf(i + 1));
        return values;
    }
}
