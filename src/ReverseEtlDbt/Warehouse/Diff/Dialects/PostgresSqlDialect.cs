namespace ReverseEtlDbt.Warehouse.Diff.Dialects;

/// <summary>
/// PostgreSQL SQL. Text renders as <c>CAST(x AS text)</c>, which matches DuckDB for integers, text, booleans,
/// decimals, dates and timestamps without time zone (floats differ: PostgreSQL prints <c>1</c> where DuckDB prints
/// <c>1.0</c>; <c>timestamptz</c> follows the session time zone on both). Hashes are lower-case hex SHA-256 of the
/// UTF-8 text, the same value DuckDB's <c>sha256</c> gives.
/// </summary>
public sealed class PostgresSqlDialect : ISqlDialect
{
    public static PostgresSqlDialect Instance { get; } = new();

    public string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string HashText(string textExpression) => $"encode(sha256(convert_to({textExpression}, 'UTF8')), 'hex')";

    public string CastToText(string expression) => $"CAST({expression} AS text)";
}
