namespace ReverseEtlDbt.Emulators.Snowflake.Sql;

/// <summary>
/// Turns one Snowflake statement into the DuckDB SQL that behaves the same on the emulator's database: names folded
/// (by the tokenizer), CREATE TABLE made DuckDB's, functions and casts rewritten, <c>[DB.]INFORMATION_SCHEMA.COLUMNS</c>
/// answered in Snowflake's type names, qualified references to this request's temporary tables pointed at DuckDB's
/// <c>temp</c> catalog, and MERGE made to return its actions so the DML counts can be reported.
/// </summary>
internal static class SqlTranslator
{
    /// <summary>The DuckDB catalog (the database DuckDB opened) that holds the emulator's own macros.</summary>
    public const string SystemCatalog = "memory";

    /// <summary>
    /// The DuckDB SQL for <paramref name="statement"/>, and the name parts of a temporary table it creates.
    /// <paramref name="temporaryTables"/> maps each temporary table of the request to the schema it was created in.
    /// </summary>
    public static (string Sql, IReadOnlyList<SqlToken>? TempName) Translate(
        SqlStatement statement, string? database, IReadOnlyDictionary<string, string> temporaryTables)
    {
        var tokens = statement.Tokens;
        IReadOnlyList<SqlToken>? tempName = null;
        if (statement.Kind == SqlStatementKind.Ddl && tokens[0].IsWord("CREATE")) (tokens, tempName) = SqlCreateTable.Rewrite(tokens);
        tokens = Chains(tokens, database, temporaryTables);
        tokens = SqlFunctions.Rewrite(tokens);
        if (statement.Kind == SqlStatementKind.Merge && !tokens.Any(t => t.IsWord("RETURNING")))
            tokens = [.. tokens, SqlToken.Word("RETURNING"), SqlToken.Word("merge_action")];
        return (SqlTokenizer.Render(tokens), tempName);
    }

    /// <summary>
    /// Rewrites dotted names: <c>[DB.]INFORMATION_SCHEMA.COLUMNS</c> becomes the Snowflake-typed view of that database,
    /// and <c>[DB.]SCHEMA.NAME</c> of a temporary table becomes <c>temp.main.NAME</c>.
    /// </summary>
    private static List<SqlToken> Chains(List<SqlToken> tokens, string? database, IReadOnlyDictionary<string, string> temporaryTables)
    {
        var output = new List<SqlToken>();
        var i = 0;
        while (i < tokens.Count)
        {
            var chain = ChainAt(tokens, i);
            if (chain.Count < 2) { output.Add(tokens[i++]); continue; }
            var names = chain.Select(t => t.Name).ToList();
            if (names.Count <= 3 && names[^1] == "COLUMNS" && names[^2] == "INFORMATION_SCHEMA")
            {
                var catalog = names.Count == 3 ? names[0] : database ?? "";
                output.AddRange([SqlToken.Word(SystemCatalog), SqlToken.Raw("."), SqlToken.Word("main"), SqlToken.Raw("."),
                    SqlToken.Word(SnowflakeInformationSchema.ColumnsMacro), SqlToken.Raw("("), SqlToken.Literal(catalog), SqlToken.Raw(")")]);
            }
            else if (names.Count <= 3 && temporaryTables.TryGetValue(names[^1], out var schema) && names[^2] == schema)
                output.AddRange([SqlToken.Word("temp"), SqlToken.Raw("."), SqlToken.Word("main"), SqlToken.Raw("."), chain[^1]]);
            else output.AddRange(tokens.Skip(i).Take(chain.Count * 2 - 1));
            i += chain.Count * 2 - 1;
        }
        return output;
    }

    /// <summary>The identifiers of a dotted name starting at <paramref name="i"/> (one or none when there is no dotted name).</summary>
    private static List<SqlToken> ChainAt(List<SqlToken> tokens, int i)
    {
        if (!tokens[i].IsIdentifier || i > 0 && tokens[i - 1].IsSymbol(".")) return [];
        var chain = new List<SqlToken> { tokens[i] };
        for (var j = i + 1; j + 1 < tokens.Count && tokens[j].IsSymbol(".") && tokens[j + 1].IsIdentifier; j += 2) chain.Add(tokens[j + 1]);
        // A dotted name followed by "(" is a qualified function call, not a relation.
        var after = i + chain.Count * 2 - 1;
        return after < tokens.Count && tokens[after].IsSymbol("(") ? [] : chain;
    }
}
