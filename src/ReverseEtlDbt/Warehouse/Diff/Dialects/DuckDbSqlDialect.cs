namespace ReverseEtlDbt.Warehouse.Diff.Dialects;

/// <summary>
/// DuckDB SQL. Text renders as DuckDB's <c>CAST(x AS VARCHAR)</c>: booleans <c>true</c>/<c>false</c>, timestamps
/// <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c>, decimals with their scale; hashes are lower-case hex SHA-256 of the UTF-8 text.
/// </summary>
public sealed class DuckDbSqlDialect : ISqlDialect
{
    public static DuckDbSqlDialect Instance { get; } = new();

    public string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string HashText(string textExpression) => $"sha256({textExpression})";

    public string CastToText(string expression) => $"CAST({expression} AS VARCHAR)";
}
