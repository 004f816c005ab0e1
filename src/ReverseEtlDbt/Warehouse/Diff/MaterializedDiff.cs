using System.Runtime.CompilerServices;

namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// A diff computed once into a temporary table (see <see cref="DiffReader.MaterializeAsync"/>): its counts, and its
/// rows read in pages by sequence number. Dispose drops the table. Or, for a sync with no rows in state on DuckDB, no
/// table at all: every keyed model row is added, read in pages straight from the model by row id
/// (<see cref="OverModel"/>).
/// </summary>
public sealed class MaterializedDiff : IAsyncDisposable
{
    private readonly IWarehouse warehouse;
    private readonly MaterializedDiffQueries queries;
    private readonly DiffQueryBuilder builder;
    private readonly string? table;
    private readonly int pageSize;
    private Func<long, DiffQuery> pageQuery;
    private bool dropped;

    internal MaterializedDiff(IWarehouse warehouse, MaterializedDiffQueries queries, DiffQueryBuilder builder, DiffSpec spec, string? table, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        this.warehouse = warehouse;
        this.queries = queries;
        this.builder = builder;
        this.table = table;
        this.pageSize = pageSize;
        Spec = spec;
        pageQuery = after => queries.Page(Spec, table!, after, pageSize);
    }

    /// <summary>
    /// The diff of a sync with no rows in state, whose keys are known unique and not null: <paramref name="keyed"/>
    /// added rows, paged from the model itself by DuckDB row id (<see cref="DiffQueryBuilder.AddedPage"/>), so neither
    /// DuckDB nor the runner holds more than a page of it. Values are read as each page is: a row the model gains
    /// meanwhile is sent next run.
    /// </summary>
    internal static MaterializedDiff OverModel(IWarehouse warehouse, MaterializedDiffQueries queries, DiffQueryBuilder builder, DiffSpec spec, long keyed, int pageSize)
    {
        var diff = new MaterializedDiff(warehouse, queries, builder, spec, table: null, pageSize) { Counts = new DiffCounts(keyed, 0, 0, 0) };
        diff.pageQuery = after => builder.AddedPage(spec, after, pageSize);
        return diff;
    }

    public DiffSpec Spec { get; }

    /// <summary>
    /// Whether the table holds the values to send (a sync, and a plan where keys are grouped in the diff) or only kinds
    /// and keys (a plan elsewhere: values joined for its samples only).
    /// </summary>
    public bool WithValues { get; init; } = true;

    /// <summary>The temporary table's name (unqualified; visible to this connection only).</summary>
    public string TableName => table ?? throw new InvalidOperationException("This diff is paged from the model: it has no table");

    /// <summary>Whether rows are paged straight from the model (a sync with no state, see <see cref="OverModel"/>).</summary>
    public bool PagedFromModel => table is null;

    /// <summary>Added, changed and removed rows (rejected keys are counted by <see cref="DiffReader.ReadRejectedAsync"/>).</summary>
    public DiffCounts Counts { get; private set; } = new(0, 0, 0, 0);

    internal async Task CountAsync(CancellationToken cancellationToken) => await CountAsync(queries.Counts(TableName), cancellationToken);

    /// <summary>
    /// Reads <paramref name="counts"/> (per kind: kind, rows, and for a table of <see cref="KeyGroupedDiffSql"/> the model
    /// rows they stand for) into <see cref="Counts"/>; returns the model rows with a null key and with a duplicated key.
    /// </summary>
    internal async Task<(long NullKeys, long DuplicateKeyRows)> CountAsync(DiffQuery counts, CancellationToken cancellationToken)
    {
        var (rows, modelRows) = (new long[5], new long[5]);
        await using (var command = WarehouseCommand.Create(warehouse.Connection, counts))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var kind = Convert.ToInt32(reader.GetValue(0));
                rows[kind] = Convert.ToInt64(reader.GetValue(1));
                modelRows[kind] = reader.FieldCount < 3 || reader.IsDBNull(2) ? 0 : Convert.ToInt64(reader.GetValue(2));
            }
        }
        Counts = new DiffCounts(rows[0], rows[1], rows[2], 0);
        return (modelRows[KeyGroupedDiffSql.NullKeyKind], modelRows[KeyGroupedDiffSql.DuplicateKind]);
    }

    /// <summary>Every row, page by page (no query after the last row counted); the connection is free between pages.</summary>
    public async IAsyncEnumerable<DiffRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!WithValues) throw new InvalidOperationException("A keys-only diff (retl plan) has no values to page through");
        long after = table is null ? -1 : queries.BeforeFirst, read = 0;
        while (read < Counts.Total)
        {
            var page = new List<(long Sequence, DiffRow Row)>(Math.Min(pageSize, 1024));
            await using (var command = WarehouseCommand.Create(warehouse.Connection, pageQuery(after)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    page.Add((Convert.ToInt64(reader.GetValue(reader.FieldCount - 1)), DiffReader.ReadRow(reader, Spec)));
            }
            foreach (var (_, row) in page)
                yield return row;
            if (page.Count < pageSize) yield break;
            read += page.Count;
            after = page[^1].Sequence;
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> rows of each kind, ordered by kind then key (for <c>retl plan</c>): from the table
    /// itself when it holds values, else with their values joined from the model for those rows alone.
    /// </summary>
    public async Task<IReadOnlyList<DiffRow>> SampleAsync(int count, CancellationToken cancellationToken)
    {
        var rows = new List<DiffRow>();
        if (Counts.Total == 0 || count == 0) return rows;
        var query = WithValues ? queries.Sample(Spec, TableName, count) : builder.SampleOfKeys(Spec, TableName, count);
        await using var command = WarehouseCommand.Create(warehouse.Connection, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(DiffReader.ReadRow(reader, Spec));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (dropped || table is null) return;
        dropped = true;
        try
        {
            await using var command = WarehouseCommand.Create(warehouse.Connection, queries.Drop(table), []);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (System.Data.Common.DbException)
        {
            // The connection is gone; a temporary table goes with it.
        }
        catch (InvalidOperationException)
        {
            // The connection was closed first; same.
        }
    }
}
