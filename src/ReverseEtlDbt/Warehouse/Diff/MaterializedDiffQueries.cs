namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>The SQL that reads a diff materialised by <see cref="DiffQueryBuilder.Materialize"/> into a temporary table: pure, no I/O.</summary>
internal sealed class MaterializedDiffQueries(ISqlDialect dialect)
{
    /// <summary>One row per kind present: kind, count.</summary>
    public DiffQuery Counts(string table) =>
        new($"SELECT {Q(DiffQueryBuilder.KindColumn)}, COUNT(*) FROM {Q(table)} GROUP BY {Q(DiffQueryBuilder.KindColumn)}", []);

    /// <summary>
    /// Up to <paramref name="limit"/> rows after sequence number <paramref name="after"/>: the <see cref="DiffQueryBuilder.Changes"/>
    /// columns, then the sequence number (the row id where tables have them, counted from 0; else from 1).
    /// </summary>
    public DiffQuery Page(DiffSpec spec, string table, long after, int limit)
    {
        var sequence = dialect.Traits.RowIds ? "rowid" : Q(DiffQueryBuilder.SequenceColumn);
        var columns = string.Join(", ", DiffQueryBuilder.OutputColumns(spec).Select(Q).Append(sequence));
        var kind = Q(DiffQueryBuilder.KindColumn);
        return new($"SELECT {columns} FROM {Q(table)} WHERE {sequence} > $1 AND {kind} <= 2 ORDER BY {sequence} LIMIT $2", [after, limit]);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> added, changed and removed rows of each kind of a table with values, by key (shorter
    /// keys first, so integer keys come in numeric order): the <see cref="DiffQueryBuilder.Changes"/> columns.
    /// </summary>
    public DiffQuery Sample(DiffSpec spec, string table, int limit)
    {
        var columns = string.Join(", ", DiffQueryBuilder.OutputColumns(spec).Select(c => "s." + Q(c)));
        var (kind, rank) = (Q(DiffQueryBuilder.KindColumn), Q(RankColumn));
        return new($"SELECT {columns} FROM ({FirstOfEachKind(dialect, table)}) AS s ORDER BY s.{kind}, s.{rank}", [limit]);
    }

    /// <summary>The rank of a row within its kind in <see cref="FirstOfEachKind"/>.</summary>
    internal const string RankColumn = "__retl_rank";

    /// <summary>
    /// The first <c>$1</c> added, changed and removed rows of each kind in <paramref name="table"/>, by key (shorter keys
    /// first, so integer keys come in numeric order): the table's columns and <see cref="RankColumn"/>.
    /// </summary>
    internal static string FirstOfEachKind(ISqlDialect dialect, string table)
    {
        string Q(string identifier) => dialect.QuoteIdentifier(identifier);
        var (kind, key, rank) = (Q(DiffQueryBuilder.KindColumn), Q(DiffQueryBuilder.KeyColumn), Q(RankColumn));
        return $"SELECT y.* FROM (SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.{kind} ORDER BY LENGTH(x.{key}), x.{key}) AS {rank} "
            + $"FROM {Q(table)} AS x WHERE x.{kind} <= 2) AS y WHERE y.{rank} <= $1";
    }

    /// <summary>One row: how many keys occur more than once among the added and changed rows, and 0.</summary>
    public DiffQuery Repeats(string table)
    {
        var (key, kind) = (Q(DiffQueryBuilder.KeyColumn), Q(DiffQueryBuilder.KindColumn));
        return new($"SELECT COUNT(*), 0 FROM (SELECT {key} FROM {Q(table)} WHERE {kind} <> 2 GROUP BY {key} HAVING COUNT(*) > 1) AS r", []);
    }

    /// <summary>Fails unless <paramref name="relation"/> is a DuckDB table (a view has no <c>rowid</c>); reads no row.</summary>
    public DiffQuery RowIdProbe(RelationName relation) => new($"SELECT rowid FROM {relation.Render(dialect)} LIMIT 0", []);

    /// <summary>The sequence number before a table's first row.</summary>
    public long BeforeFirst => dialect.Traits.RowIds ? -1 : 0;

    public string Drop(string table) => $"DROP TABLE IF EXISTS {Q(table)}";

    private string Q(string identifier) => dialect.QuoteIdentifier(identifier);
}
