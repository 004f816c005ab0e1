namespace ReverseEtlDbt.Emulators.Snowflake.Sql;

/// <summary>What a statement does, which decides how it runs and what its result reports (rows, DML counts, a status).</summary>
internal enum SqlStatementKind
{
    Query,
    Insert,
    Update,
    Delete,
    Merge,
    /// <summary>CREATE, DROP, ALTER, TRUNCATE...: commits an open transaction first, as in Snowflake.</summary>
    Ddl,
    Begin,
    Commit,
    Rollback,
    /// <summary>USE DATABASE / SCHEMA / WAREHOUSE / ROLE: changes the request's context, run by the session itself.</summary>
    Use,
    /// <summary>ALTER SESSION SET/UNSET: only QUERY_TAG is kept; other parameters are accepted and ignored.</summary>
    AlterSession,
    /// <summary>CREATE DATABASE: an ATTACH of a new in-memory DuckDB catalog.</summary>
    CreateDatabase,
}

/// <summary>
/// One statement of a request: its tokens as written (upper-cased words), its kind, the count of <c>?</c> markers it
/// binds, and the schemas it names after FROM/JOIN/INTO/... (for privilege checks; "" stands for an unqualified name,
/// which lives in the session's current schema).
/// </summary>
internal sealed record SqlStatement(List<SqlToken> Tokens, SqlStatementKind Kind, int Markers, IReadOnlyList<string> Schemas)
{
    /// <summary>The SQL as the client wrote it (for the query history), trimmed.</summary>
    public required string Text { get; init; }

    public static List<SqlStatement> Parse(string sql)
    {
        var statements = new List<SqlStatement>();
        foreach (var withTrivia in SqlTokenizer.SplitStatements(SqlTokenizer.Tokenize(sql)))
        {
            var text = string.Concat(withTrivia.Select(t => Original(t))).Trim();
            var tokens = withTrivia.Where(t => !t.IsTrivia).ToList();
            statements.Add(new SqlStatement(tokens, KindOf(tokens), tokens.Count(t => t.IsSymbol("?")), SchemasNamed(tokens)) { Text = text });
        }
        return statements;
    }

    private static string Original(SqlToken token) => token.Source ?? token.Text;

    private static SqlStatementKind KindOf(List<SqlToken> tokens)
    {
        var first = tokens[0].Text;
        var second = tokens.Count > 1 ? tokens[1].Text : "";
        return first switch
        {
            "INSERT" => SqlStatementKind.Insert,
            "UPDATE" => SqlStatementKind.Update,
            "DELETE" => SqlStatementKind.Delete,
            "MERGE" => SqlStatementKind.Merge,
            "BEGIN" or "START" => SqlStatementKind.Begin,
            "COMMIT" => SqlStatementKind.Commit,
            "ROLLBACK" or "ABORT" => SqlStatementKind.Rollback,
            "USE" => SqlStatementKind.Use,
            "ALTER" when second == "SESSION" => SqlStatementKind.AlterSession,
            "CREATE" when tokens.Skip(1).SkipWhile(t => t.IsWord("OR") || t.IsWord("REPLACE")).FirstOrDefault()?.IsWord("DATABASE") == true =>
                SqlStatementKind.CreateDatabase,
            "CREATE" or "DROP" or "ALTER" or "TRUNCATE" or "COMMENT" or "GRANT" or "REVOKE" => SqlStatementKind.Ddl,
            _ => SqlStatementKind.Query,
        };
    }

    private static readonly HashSet<string> RelationKeywords = ["FROM", "JOIN", "INTO", "UPDATE", "TABLE", "USING", "EXISTS"];

    private static List<string> SchemasNamed(List<SqlToken> tokens)
    {
        var schemas = new List<string>();
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!(tokens[i - 1].Kind == SqlTokenKind.Word && RelationKeywords.Contains(tokens[i - 1].Text)) || !tokens[i].IsIdentifier) continue;
            var chain = new List<string> { tokens[i].Name };
            for (var j = i + 1; j + 1 < tokens.Count && tokens[j].IsSymbol(".") && tokens[j + 1].IsIdentifier; j += 2) chain.Add(tokens[j + 1].Name);
            schemas.Add(chain.Count >= 2 ? chain[^2] : "");
        }
        return schemas;
    }
}
