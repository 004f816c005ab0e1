using System.Data.Common;

namespace ReverseEtlDbt.Warehouse;

/// <summary>An open connection to the dbt warehouse (DuckDB or PostgreSQL), with its SQL dialect.</summary>
public interface IWarehouse : IAsyncDisposable
{
    /// <summary>dbt adapter type: <c>duckdb</c> or <c>postgres</c>.</summary>
    string AdapterType { get; }

    ISqlDialect Dialect { get; }

    /// <summary>The open ADO.NET connection. Not thread-safe: one command at a time.</summary>
    DbConnection Connection { get; }

    /// <summary>Labels later statements in the warehouse's own query history (Snowflake's <c>QUERY_TAG</c>); a no-op elsewhere.</summary>
    void TagQueries(string tag) { }

    /// <summary>The relation's real columns and types, in ordinal order; empty when the relation does not exist.</summary>
    Task<IReadOnlyList<WarehouseColumn>> GetColumnsAsync(RelationName relation, CancellationToken cancellationToken);
}

public sealed record WarehouseColumn(string Name, string DataType);

/// <summary>A database relation. <see cref="Database"/> is null where the adapter has one database per connection.</summary>
public sealed record RelationName(string? Database, string Schema, string Identifier)
{
    public string Render(ISqlDialect dialect) =>
        string.Join('.', new[] { Database, Schema, Identifier }.OfType<string>().Select(dialect.QuoteIdentifier));

    public override string ToString() => string.Join('.', new[] { Database, Schema, Identifier }.OfType<string>());
}

/// <summary>What differs between the SQL of the supported warehouses.</summary>
public interface ISqlDialect
{
    string QuoteIdentifier(string identifier);

    /// <summary>
    /// A quoted name kept exactly as written, never folded (the ledger's own names, which retl's SQL spells in lower
    /// case everywhere); the same as <see cref="QuoteIdentifier"/> except where that folds case (Snowflake).
    /// </summary>
    string QuoteExact(string identifier) => QuoteIdentifier(identifier);

    /// <summary>Expression giving a stable lower-case hex MD5 of a text expression (row fingerprints: change detection only).</summary>
    string HashText(string textExpression);

    /// <summary>Cast an expression to text so that the same value renders the same on every run.</summary>
    string CastToText(string expression);

    /// <summary>A date or timestamp as ISO text (<c>2026-01-02 03:04:05.123456</c>, a space or <c>T</c> between), whatever the session's date style.</summary>
    string TemporalText(string expression);

    /// <summary>A <c>timestamp with time zone</c> as <see cref="TemporalText"/> of the same instant in UTC, without an offset (<c>infinity</c> stays).</summary>
    string UtcText(string expression);

    /// <summary>
    /// Text expressions (never null) joined by a separator literal: <c>concat_ws</c> where it exists, <c>||</c>
    /// elsewhere (the same text, so the same fingerprints).
    /// </summary>
    string JoinTexts(string separator, IEnumerable<string> parts);

    /// <summary>A date as <c>yyyy-MM-dd</c> text (where <see cref="TemporalText"/> would add a time of day).</summary>
    string DateText(string expression) => TemporalText(expression);

    /// <summary>Numbers the rows of a query for paging (<paramref name="orderBy"/> where the warehouse needs an order).</summary>
    string RowNumber(string orderBy) => "ROW_NUMBER() OVER ()";

    /// <summary>The kind of table the diff is materialised into: one that lives as long as the session (or the run).</summary>
    string ScratchTableKind => "TEMPORARY";

    /// <summary>One count: the tables named <c>$2</c> in schema <c>$1</c> (0 or 1), read from the catalog.</summary>
    string TableCountSql => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2";

    /// <summary>The single-column key constraints on a column, as <see cref="KeyConstraints.InformationSchemaSql"/> reads them.</summary>
    string KeyConstraintsSql(bool withCatalog) => KeyConstraints.InformationSchemaSql(withCatalog);

    /// <summary>The column type of the ledger's text columns (Redshift turns <c>TEXT</c> into <c>VARCHAR(256)</c>).</summary>
    string TextType { get; }

    /// <summary>What the dialect can do, where warehouses differ in kind rather than in spelling.</summary>
    DialectTraits Traits { get; }
}

/// <summary>
/// Where warehouses differ in kind: how one writer per sync is kept, how the ledger is written, and what their catalog
/// and scratch tables can do. The diff, the ledger's meaning and the lock protocol stay written once.
/// </summary>
public sealed record DialectTraits
{
    /// <summary>How one writer per sync is kept.</summary>
    public required LockKind Locking { get; init; }

    /// <summary>
    /// True: the ledger is written with arrays bound as parameters and <c>INSERT … ON CONFLICT</c> (DuckDB, PostgreSQL).
    /// False: with portable SQL only (multi-row <c>VALUES</c> inserts, delete then insert, no arrays), as Redshift and
    /// Snowflake run it.
    /// </summary>
    public required bool NativeUpserts { get; init; }

    /// <summary>Whether a declared PRIMARY KEY or UNIQUE constraint is enforced, so that it proves the key (not on Redshift or Snowflake).</summary>
    public required bool EnforcesKeyConstraints { get; init; }

    /// <summary>Whether the diff's scratch table gets an index on its sequence column (PostgreSQL).</summary>
    public bool IndexesScratchTables { get; init; }

    /// <summary>Whether a table has a <c>rowid</c> to page a first sync straight from the model by (DuckDB).</summary>
    public bool RowIds { get; init; }

    /// <summary>Whether every integer type is one <c>NUMBER(38,0)</c> (Snowflake): a contract's <c>int</c> or <c>bigint</c> then matches it.</summary>
    public bool IntegersAreNumbers { get; init; }

    /// <summary>
    /// Whether the diff's scratch table outlives the session that made it (Snowflake's transient table: a temporary one
    /// would vanish with its SQL API request). A sync then names it after itself and replaces it, so a killed run's table
    /// is gone at the sync's next run instead of left behind.
    /// </summary>
    public bool ScratchTablesOutliveSessions { get; init; }

    /// <summary>
    /// Whether the diff groups the model by its key (<see cref="Diff.KeyGroupedDiffSql"/>): keys proven and values carried
    /// in the diff's one scan of the model, where a separate key count and a join back to the model for the values would
    /// each be another scan on the bill (Snowflake). Elsewhere the key count is served from table statistics and the
    /// join back is pruned by the join's filter, which measured cheaper than grouping (DuckDB).
    /// </summary>
    public bool GroupsKeysInDiff { get; init; }

    /// <summary>Whether a transaction can hold DDL and reads between writes (false where a transaction is one request: Snowflake's SQL API).</summary>
    public bool TransactionalDdl { get; init; } = true;
}

/// <summary>How one writer per sync is kept (WAREHOUSES.md §6, lease lock).</summary>
public enum LockKind
{
    /// <summary>A session advisory lock (PostgreSQL); the server releases it when the session dies.</summary>
    Advisory,

    /// <summary>A lease row taken with <c>INSERT … ON CONFLICT … RETURNING</c> (DuckDB).</summary>
    LeaseUpsert,

    /// <summary>A lease row taken in a transaction holding <c>LOCK</c> on the locks table (Redshift).</summary>
    LeaseTableLock,

    /// <summary>A lease row taken with one <c>MERGE</c>, which the warehouse serialises per table (Snowflake).</summary>
    LeaseMerge,
}
