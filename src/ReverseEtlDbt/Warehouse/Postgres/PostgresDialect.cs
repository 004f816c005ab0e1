namespace ReverseEtlDbt.Warehouse.Postgres;

/// <summary>
/// PostgreSQL SQL: double-quoted identifiers, <c>md5()</c> for row fingerprints (lower-case hex of the text in the
/// database encoding; with UTF-8 the same value as DuckDB's <c>md5</c>, so fingerprints agree across warehouses), <c>CAST … AS text</c>,
/// which renders integers, text, booleans, decimals, dates and timestamps without time zone as DuckDB does (floats differ:
/// PostgreSQL prints <c>1</c> where DuckDB prints <c>1.0</c>).
/// </summary>
public sealed class PostgresDialect : ISqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string HashText(string textExpression) => $"md5({textExpression})";

    public string CastToText(string expression) => $"CAST({expression} AS text)";

    public string UtcText(string expression) => $"CAST(({expression}) AT TIME ZONE 'UTC' AS text)";
}
