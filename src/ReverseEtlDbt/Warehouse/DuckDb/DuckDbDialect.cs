namespace ReverseEtlDbt.Warehouse.DuckDb;

/// <summary>DuckDB SQL: double-quoted identifiers, built-in <c>sha256()</c> (lower-case hex), <c>CAST … AS VARCHAR</c>.</summary>
public sealed class DuckDbDialect : ISqlDialect
{
    public static readonly DuckDbDialect Instance = new();

    public string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string HashText(string textExpression) => $"sha256({textExpression})";

    public string CastToText(string expression) => $"CAST({expression} AS VARCHAR)";
}
