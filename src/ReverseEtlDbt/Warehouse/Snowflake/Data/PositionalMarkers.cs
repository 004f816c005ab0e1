using System.Text;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>
/// Finds retl's <c>$1</c>, <c>$2</c>… parameter markers (the DuckDB/PostgreSQL form all warehouse code is written in)
/// and replaces each occurrence, in order, with what the caller gives: a <c>?</c> for the SQL API's positional
/// bindings, or a literal inside a transaction. A <c>$</c> inside a string literal (<c>'…'</c>, with <c>''</c> and
/// backslash escapes), a quoted identifier, a <c>$$…$$</c> string, a comment, or an identifier (<c>a$1</c>) is left alone.
/// </summary>
internal static class PositionalMarkers
{
    /// <summary>Returns the rewritten SQL; <paramref name="replace"/> is called once per occurrence with its 1-based number.</summary>
    public static string Rewrite(string sql, Func<int, string> replace)
    {
        var output = new StringBuilder(sql.Length);
        var i = 0;
        while (i < sql.Length)
        {
            var end = SkipQuoted(sql, i);
            if (end > i)
            {
                output.Append(sql, i, end - i);
                i = end;
            }
            else if (sql[i] == '$' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1]) && (i == 0 || !IsIdentifierPart(sql[i - 1])))
            {
                var start = ++i;
                while (i < sql.Length && char.IsAsciiDigit(sql[i])) i++;
                output.Append(replace(int.Parse(sql.AsSpan(start, i - start), System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                output.Append(sql[i++]);
            }
        }
        return output.ToString();
    }

    /// <summary>True when <paramref name="sql"/> has at least one marker outside quotes and comments.</summary>
    public static bool Any(string sql)
    {
        var found = false;
        Rewrite(sql, _ => { found = true; return "?"; });
        return found;
    }

    /// <summary>Where the quoted string, identifier or comment starting at <paramref name="i"/> ends; <paramref name="i"/> when none starts there.</summary>
    private static int SkipQuoted(string sql, int i)
    {
        var rest = sql.AsSpan(i);
        if (rest.StartsWith("$$")) return Until(sql, i + 2, "$$");
        if (rest.StartsWith("--") || rest.StartsWith("//")) return Until(sql, i + 2, "\n");
        if (rest.StartsWith("/*")) return Until(sql, i + 2, "*/");
        return sql[i] switch
        {
            '\'' => EndOfQuoted(sql, i, '\'', backslashEscapes: true),
            '"' => EndOfQuoted(sql, i, '"', backslashEscapes: false),
            _ => i,
        };
    }

    private static int Until(string sql, int from, string terminator)
    {
        var at = sql.IndexOf(terminator, from, StringComparison.Ordinal);
        return at < 0 ? sql.Length : at + terminator.Length;
    }

    private static int EndOfQuoted(string sql, int start, char quote, bool backslashEscapes)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\') i += 2;
            else if (sql[i] == quote && i + 1 < sql.Length && sql[i + 1] == quote) i += 2;
            else if (sql[i] == quote) return i + 1;
            else i++;
        }
        return sql.Length;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
