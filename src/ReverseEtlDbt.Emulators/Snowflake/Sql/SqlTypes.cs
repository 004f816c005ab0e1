namespace ReverseEtlDbt.Emulators.Snowflake.Sql;

/// <summary>
/// Snowflake type names in DuckDB spelling, applied only where a type is expected (after <c>::</c>, after
/// <c>AS</c> in <c>CAST</c>, in a column definition), so a column called <c>TEXT</c> is not renamed. Integers become
/// BIGINT and a bare NUMBER becomes DECIMAL(38,0) (DuckDB's bare DECIMAL is (18,3)); FLOAT is 64-bit as in Snowflake.
/// </summary>
internal static class SqlTypes
{
    private static readonly HashSet<string> Integers = ["INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT"];
    private static readonly HashSet<string> Decimals = ["NUMBER", "NUMERIC", "DECIMAL", "DEC"];
    private static readonly HashSet<string> Floats = ["FLOAT", "FLOAT4", "FLOAT8", "REAL", "DOUBLE"];
    private static readonly HashSet<string> Texts = ["STRING", "TEXT", "VARCHAR", "CHAR", "CHARACTER", "NVARCHAR", "NCHAR", "NVARCHAR2"];
    private static readonly Dictionary<string, string> Renamed = new()
    {
        ["TIMESTAMP_NTZ"] = "TIMESTAMP", ["DATETIME"] = "TIMESTAMP", ["TIMESTAMP"] = "TIMESTAMP",
        ["TIMESTAMP_TZ"] = "TIMESTAMPTZ", ["TIMESTAMP_LTZ"] = "TIMESTAMPTZ", ["TIME"] = "TIME",
        ["VARIANT"] = "JSON", ["OBJECT"] = "JSON", ["ARRAY"] = "JSON", ["BINARY"] = "BLOB", ["VARBINARY"] = "BLOB",
    };

    /// <summary>
    /// The DuckDB spelling of the type starting at <paramref name="i"/>, and how many tokens it took (0 when the
    /// word is no Snowflake type this needs to change).
    /// </summary>
    public static (List<SqlToken> Type, int Consumed) Map(IReadOnlyList<SqlToken> tokens, int i)
    {
        var word = tokens[i];
        if (word.Kind != SqlTokenKind.Word) return ([], 0);
        var args = ParenGroupLength(tokens, i + 1);
        if (Integers.Contains(word.Text)) return ([SqlToken.Word("BIGINT")], 1 + args);
        if (Decimals.Contains(word.Text))
            return args > 0 ? ([SqlToken.Word("DECIMAL"), .. tokens.Skip(i + 1).Take(args)], 1 + args) : (Words("DECIMAL(38,0)"), 1);
        if (Floats.Contains(word.Text))
            return ([SqlToken.Word("DOUBLE")], At(tokens, i + 1)?.IsWord("PRECISION") == true ? 2 : 1 + args);
        if (Texts.Contains(word.Text))
            return ([SqlToken.Word("VARCHAR")], At(tokens, i + 1)?.IsWord("VARYING") == true ? 2 : 1 + args);
        if (Renamed.TryGetValue(word.Text, out var renamed)) return ([SqlToken.Word(renamed)], 1 + args);
        return ([], 0);
    }

    /// <summary>Whether the token at <paramref name="i"/> stands where a type is expected, outside column definitions.</summary>
    public static bool IsCastTarget(IReadOnlyList<SqlToken> tokens, int i, bool insideCast) =>
        i > 0 && (tokens[i - 1].IsSymbol("::") || tokens[i - 1].IsWord("AS") && insideCast);

    /// <summary>Tokens of a <c>(...)</c> group starting at <paramref name="i"/>, brackets included; 0 if none starts there.</summary>
    public static int ParenGroupLength(IReadOnlyList<SqlToken> tokens, int i)
    {
        if (At(tokens, i)?.IsSymbol("(") != true) return 0;
        var depth = 0;
        for (var j = i; j < tokens.Count; j++)
        {
            if (tokens[j].IsSymbol("(")) depth++;
            else if (tokens[j].IsSymbol(")") && --depth == 0) return j - i + 1;
        }
        return tokens.Count - i;
    }

    private static SqlToken? At(IReadOnlyList<SqlToken> tokens, int i) => i < tokens.Count ? tokens[i] : null;

    private static List<SqlToken> Words(string sql) => SqlTokenizer.Tokenize(sql);
}
