using System.Text;

namespace ReverseEtlDbt.Emulators.Snowflake.Sql;

/// <summary>
/// Splits Snowflake SQL into tokens, so translation never touches string literals or quoted identifiers and
/// statements are split only on semicolons outside them. Unquoted words come out upper-cased (Snowflake's folding).
/// </summary>
internal static class SqlTokenizer
{
    private static readonly string[] TwoCharSymbols = ["::", "||", "<=", ">=", "<>", "!=", "=>", "->"];

    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var start = i;
            tokens.Add(Next(sql, ref i) with { Source = sql[start..i] });
        }
        return tokens;
    }

    /// <summary>The statements of a request, split on top-level <c>;</c>, without empty (or comment-only) ones.</summary>
    public static List<List<SqlToken>> SplitStatements(IEnumerable<SqlToken> tokens)
    {
        var statements = new List<List<SqlToken>> { new() };
        foreach (var token in tokens)
        {
            if (token.IsSymbol(";")) statements.Add([]);
            else statements[^1].Add(token);
        }
        return statements.Where(s => s.Any(t => !t.IsTrivia)).ToList();
    }

    /// <summary>Tokens (without trivia) as DuckDB SQL text, spaced so that no two tokens merge.</summary>
    public static string Render(IEnumerable<SqlToken> tokens)
    {
        var text = new StringBuilder();
        SqlToken? previous = null;
        foreach (var token in tokens)
        {
            if (previous is not null && !previous.IsSymbol(".") && !previous.IsSymbol("(") && !previous.IsSymbol("::")
                && !token.IsSymbol(".") && !token.IsSymbol(",") && !token.IsSymbol(")") && !token.IsSymbol("::") && !token.IsSymbol("("))
                text.Append(' ');
            else if (previous is not null && token.IsSymbol("(") && previous.Kind != SqlTokenKind.Word && previous.Kind != SqlTokenKind.QuotedIdentifier
                && !previous.IsSymbol("(") && !previous.IsSymbol("."))
                text.Append(' ');
            text.Append(token.Text);
            previous = token;
        }
        return text.ToString();
    }

    private static SqlToken Next(string sql, ref int i)
    {
        var c = sql[i];
        var start = i;
        if (char.IsWhiteSpace(c))
        {
            while (i < sql.Length && char.IsWhiteSpace(sql[i])) i++;
            return new SqlToken(SqlTokenKind.Whitespace, sql[start..i], sql[start..i]);
        }
        if (c == '-' && At(sql, i + 1) == '-' || c == '/' && At(sql, i + 1) == '/')
        {
            while (i < sql.Length && sql[i] != '\n') i++;
            return new SqlToken(SqlTokenKind.Comment, " ", sql[start..i]);
        }
        if (c == '/' && At(sql, i + 1) == '*')
        {
            var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
            i = end < 0 ? sql.Length : end + 2;
            return new SqlToken(SqlTokenKind.Comment, " ", sql[start..i]);
        }
        if (c == '\'') return StringLiteral(sql, ref i);
        if (c == '$' && At(sql, i + 1) == '$')
        {
            var end = sql.IndexOf("$$", i + 2, StringComparison.Ordinal);
            var value = end < 0 ? sql[(i + 2)..] : sql[(i + 2)..end];
            i = end < 0 ? sql.Length : end + 2;
            return SqlToken.Literal(value);
        }
        if (c == '"') return QuotedIdentifier(sql, ref i);
        if (char.IsLetter(c) || c == '_')
        {
            while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$')) i++;
            return new SqlToken(SqlTokenKind.Word, sql[start..i].ToUpperInvariant(), sql[start..i]);
        }
        if (char.IsDigit(c) || c == '.' && char.IsDigit(At(sql, i + 1)))
        {
            while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.')) i++;
            if (i < sql.Length && sql[i] is 'e' or 'E' && (char.IsDigit(At(sql, i + 1)) || At(sql, i + 1) is '-' or '+'))
            {
                i += 2;
                while (i < sql.Length && char.IsDigit(sql[i])) i++;
            }
            return new SqlToken(SqlTokenKind.Number, sql[start..i], sql[start..i]);
        }
        var two = i + 1 < sql.Length ? sql.Substring(i, 2) : "";
        i += TwoCharSymbols.Contains(two) ? 2 : 1;
        return SqlToken.Raw(sql[start..i]);
    }

    private static char At(string sql, int i) => i < sql.Length ? sql[i] : '\0';

    /// <summary>A <c>'...'</c> literal with Snowflake's escapes: <c>''</c> and backslash sequences.</summary>
    private static SqlToken StringLiteral(string sql, ref int i)
    {
        var value = new StringBuilder();
        i++;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'' && At(sql, i + 1) == '\'') { value.Append('\''); i += 2; }
            else if (c == '\'') { i++; break; }
            else if (c == '\\' && i + 1 < sql.Length)
            {
                value.Append(sql[i + 1] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', var other => other });
                i += 2;
            }
            else { value.Append(c); i++; }
        }
        return SqlToken.Literal(value.ToString());
    }

    private static SqlToken QuotedIdentifier(string sql, ref int i)
    {
        var name = new StringBuilder();
        i++;
        while (i < sql.Length)
        {
            if (sql[i] == '"' && At(sql, i + 1) == '"') { name.Append('"'); i += 2; }
            else if (sql[i] == '"') { i++; break; }
            else name.Append(sql[i++]);
        }
        return SqlToken.Quoted(name.ToString());
    }
}
