using System.Text;

namespace ReverseEtlDbt.Emulators.Snowflake.Sql;

/// <summary>
/// Snowflake functions DuckDB lacks or treats differently, rewritten call by call (arguments first, recursively),
/// together with the type in <c>CAST(x AS type)</c> and <c>x::type</c>. The one that matters most: CONCAT and
/// CONCAT_WS are NULL when any argument is NULL in Snowflake, while DuckDB's skip NULLs, so they become <c>||</c>
/// chains (NULL-propagating in DuckDB as in Snowflake).
/// </summary>
internal static class SqlFunctions
{
    public static List<SqlToken> Rewrite(IReadOnlyList<SqlToken> tokens, bool insideCast = false)
    {
        var output = new List<SqlToken>();
        var i = 0;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (SqlTypes.IsCastTarget(tokens, i, insideCast))
            {
                var (type, consumed) = SqlTypes.Map(tokens, i);
                if (consumed > 0) { output.AddRange(type); i += consumed; continue; }
            }
            var group = SqlTypes.ParenGroupLength(tokens, i + (t.Kind == SqlTokenKind.Word ? 1 : 0));
            if (t.Kind == SqlTokenKind.Word && group > 0)
            {
                var args = Arguments(tokens.Skip(i + 2).Take(group - 2).ToList())
                    .Select(a => Rewrite(a, t.Text is "CAST" or "TRY_CAST")).ToList();
                output.AddRange(i > 0 && tokens[i - 1].IsSymbol(".") ? Call(t.Text, args) : Translate(t.Text, args));
                i += 1 + group;
                continue;
            }
            if (t.IsSymbol("(") && group > 0)
            {
                output.Add(t);
                output.AddRange(Rewrite(tokens.Skip(i + 1).Take(group - 2).ToList()));
                output.Add(SqlToken.Raw(")"));
                i += group;
                continue;
            }
            output.Add(t);
            i++;
        }
        return output;
    }

    private static List<SqlToken> Translate(string name, List<List<SqlToken>> args) => name switch
    {
        "CONCAT" when args.Count > 0 => Paren(Join(args.Select(AsText), "||")),
        "CONCAT_WS" when args.Count > 1 => Paren(Join(args.Skip(1).Select(AsText), "||", AsText(args[0]))),
        "TO_VARCHAR" or "TO_CHAR" or "TO_TEXT" when args.Count == 2 && args[1] is [{ Kind: SqlTokenKind.String } format] =>
            Call("STRFTIME", [args[0], [SqlToken.Literal(StrftimeFormat(format.Value))]]),
        "TO_VARCHAR" or "TO_CHAR" or "TO_TEXT" when args.Count >= 1 => AsText(args[0]),
        // CONVERT_TIMEZONE(target, tz) is the instant in the target zone, CONVERT_TIMEZONE(source, target, ntz) a wall
        // time moved between zones; DuckDB's timezone() gives the target's wall time, which TO_VARCHAR then formats.
        "CONVERT_TIMEZONE" when args.Count == 2 => Call("TIMEZONE", args),
        "CONVERT_TIMEZONE" when args.Count == 3 => Call("TIMEZONE", [args[1], Call("TIMEZONE", [args[0], args[2]])]),
        "MD5_HEX" => Call("MD5", args),
        "SHA2" or "SHA2_HEX" when args.Count >= 1 => Call("SHA256", [args[0]]),
        "IFF" => Call("IF", args),
        "NVL" or "IFNULL" => Call("COALESCE", args),
        "ZEROIFNULL" when args.Count == 1 => Call("COALESCE", [args[0], [SqlToken.Raw("0")]]),
        "NVL2" when args.Count == 3 =>
            [SqlToken.Word("CASE"), SqlToken.Word("WHEN"), .. args[0], SqlToken.Word("IS"), SqlToken.Word("NOT"), SqlToken.Word("NULL"),
             SqlToken.Word("THEN"), .. args[1], SqlToken.Word("ELSE"), .. args[2], SqlToken.Word("END")],
        "TRY_TO_NUMBER" or "TRY_TO_DECIMAL" or "TRY_TO_NUMERIC" when args.Count >= 1 => ToNumber("TRY_CAST", args),
        "TO_NUMBER" or "TO_DECIMAL" or "TO_NUMERIC" when args.Count >= 1 => ToNumber("CAST", args),
        "CURRENT_TIMESTAMP" or "SYSDATE" or "GETDATE" or "LOCALTIMESTAMP" when args.Count == 0 => [SqlToken.Word("CURRENT_TIMESTAMP")],
        "CURRENT_DATE" when args.Count == 0 => [SqlToken.Word("CURRENT_DATE")],
        _ => Call(name, args),
    };

    private static List<SqlToken> AsText(List<SqlToken> arg) =>
        [SqlToken.Word("CAST"), SqlToken.Raw("("), .. arg, SqlToken.Word("AS"), SqlToken.Word("VARCHAR"), SqlToken.Raw(")")];

    private static List<SqlToken> ToNumber(string cast, List<List<SqlToken>> args)
    {
        var precision = args.Count >= 2 ? SqlTokenizer.Render(args[1]) : "38";
        var scale = args.Count >= 3 ? SqlTokenizer.Render(args[2]) : "0";
        return [SqlToken.Word(cast), SqlToken.Raw("("), .. args[0], SqlToken.Word("AS"), SqlToken.Word($"DECIMAL({precision},{scale})"), SqlToken.Raw(")")];
    }

    private static List<SqlToken> Call(string name, List<List<SqlToken>> args) =>
        [SqlToken.Word(name), .. Paren(Join(args, ","))];

    private static List<SqlToken> Paren(List<SqlToken> inner) => [SqlToken.Raw("("), .. inner, SqlToken.Raw(")")];

    private static List<SqlToken> Join(IEnumerable<List<SqlToken>> parts, string separator, List<SqlToken>? between = null)
    {
        var output = new List<SqlToken>();
        foreach (var part in parts)
        {
            if (output.Count > 0)
            {
                output.Add(SqlToken.Raw(separator));
                if (between is not null) { output.AddRange(between); output.Add(SqlToken.Raw(separator)); }
            }
            output.AddRange(part);
        }
        return output;
    }

    /// <summary>The top-level comma-separated arguments of a call's inside.</summary>
    private static List<List<SqlToken>> Arguments(List<SqlToken> inside)
    {
        var args = new List<List<SqlToken>>();
        if (inside.Count == 0) return args;
        var current = new List<SqlToken>();
        var depth = 0;
        foreach (var t in inside)
        {
            if (t.IsSymbol("(")) depth++;
            if (t.IsSymbol(")")) depth--;
            if (depth == 0 && t.IsSymbol(",")) { args.Add(current); current = []; }
            else current.Add(t);
        }
        args.Add(current);
        return args;
    }

    private static readonly (string Snowflake, string Strftime)[] FormatParts =
    [
        ("YYYY", "%Y"), ("HH24", "%H"), ("HH12", "%I"), ("TZH:TZM", "%z"), ("MON", "%b"), ("FF9", "%n"), ("FF6", "%f"),
        ("FF3", "%g"), ("FF", "%n"), ("YY", "%y"), ("MM", "%m"), ("DD", "%d"), ("HH", "%H"), ("MI", "%M"), ("SS", "%S"),
        ("AM", "%p"), ("PM", "%p"),
    ];

    /// <summary>A Snowflake date/time format (<c>YYYY-MM-DD"T"HH24:MI:SS.FF6</c>) as a DuckDB strftime pattern.</summary>
    internal static string StrftimeFormat(string format)
    {
        var output = new StringBuilder();
        for (var i = 0; i < format.Length;)
        {
            if (format[i] == '"')
            {
                var end = format.IndexOf('"', i + 1);
                end = end < 0 ? format.Length : end;
                output.Append(format[(i + 1)..end].Replace("%", "%%", StringComparison.Ordinal));
                i = end + 1;
                continue;
            }
            var part = FormatParts.FirstOrDefault(p => string.Compare(format, i, p.Snowflake, 0, p.Snowflake.Length, StringComparison.OrdinalIgnoreCase) == 0);
            if (part.Snowflake is not null) { output.Append(part.Strftime); i += part.Snowflake.Length; }
            else { output.Append(format[i] == '%' ? "%%" : format[i].ToString()); i++; }
        }
        return output.ToString();
    }
}
