namespace ReverseEtlDbt.Warehouse.Postgres;

/// <summary>
/// PostgreSQL SQL: double-quoted identifiers, SHA-256 via <c>encode(sha256(convert_to(x, 'UTF8')), 'hex')</c>
/// (PostgreSQL ≥ 11; same lower-case hex as DuckDB's <c>sha256</c>, so hashes agree across warehouses), <c>CAST … AS text</c>,
/// which renders integers, text, booleans, decimals, dates and timestamps without time zone as DuckDB does (floats differ:
/// PostgreSQL prints <c>1</c> where DuckDB prints <c>1.0</c>).
/// </summary>
public sealed class PostgresDialect : ISqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string HashText(string textExpression) => $"encode(sha256(convert_to({textExpression}, 'UTF8')), 'hex')";

    public string CastToText(string expression) => $"CAST({expression} AS text)";
}
