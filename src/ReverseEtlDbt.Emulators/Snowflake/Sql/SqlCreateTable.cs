namespace ReverseEtlDbt.Emulators.Snowflake.Sql;

/// <summary>
/// <c>CREATE TABLE</c> in Snowflake's forms, made DuckDB's: TRANSIENT dropped (a plain table), TEMPORARY/VOLATILE
/// reduced to DuckDB's per-connection TEMP table, column types mapped, and PRIMARY KEY / UNIQUE / FOREIGN KEY
/// constraints removed because Snowflake does not enforce them and a client must not be able to rely on them.
/// </summary>
internal static class SqlCreateTable
{
    private static readonly HashSet<string> Modifiers = ["LOCAL", "GLOBAL", "TEMP", "TEMPORARY", "VOLATILE", "TRANSIENT"];

    /// <summary>The statement rewritten, and the table's name parts when it is a temporary table (else <c>null</c>).</summary>
    public static (List<SqlToken> Tokens, IReadOnlyList<SqlToken>? TempName) Rewrite(List<SqlToken> tokens)
    {
        var i = 1;
        var output = new List<SqlToken> { tokens[0] };
        if (At(tokens, i)?.IsWord("OR") == true) { output.AddRange(tokens.Skip(i).Take(2)); i += 2; }
        var temporary = false;
        while (At(tokens, i) is { Kind: SqlTokenKind.Word } m && Modifiers.Contains(m.Text))
        {
            temporary |= m.Text is "TEMP" or "TEMPORARY" or "VOLATILE";
            i++;
        }
        if (At(tokens, i)?.IsWord("TABLE") != true) return (tokens, null);
        if (temporary) output.Add(SqlToken.Word("TEMP"));
        output.Add(tokens[i++]);
        if (At(tokens, i)?.IsWord("IF") == true) { output.AddRange(tokens.Skip(i).Take(3)); i += 3; }
        var name = new List<SqlToken>();
        while (i < tokens.Count && (tokens[i].IsIdentifier || tokens[i].IsSymbol(".")) && !(name.Count > 0 && tokens[i].IsWord("AS")))
            name.Add(tokens[i++]);
        output.AddRange(temporary ? [name[^1]] : name);
        if (At(tokens, i)?.IsSymbol("(") == true) i = ColumnList(tokens, i, output);
        output.AddRange(tokens.Skip(i));
        return (output, temporary ? name.Where(t => t.IsIdentifier).ToList() : null);
    }

    /// <summary>Copies the column list at <paramref name="open"/> with types mapped and constraints dropped; returns the index after it.</summary>
    private static int ColumnList(List<SqlToken> tokens, int open, List<SqlToken> output)
    {
        var end = open + SqlTypes.ParenGroupLength(tokens, open) - 1;
        var elements = new List<List<SqlToken>>();
        var current = new List<SqlToken>();
        var depth = 0;
        for (var j = open + 1; j < end; j++)
        {
            var t = tokens[j];
            if (t.IsSymbol("(")) depth++;
            if (t.IsSymbol(")")) depth--;
            if (depth == 0 && t.IsSymbol(",")) { elements.Add(current); current = []; }
            else current.Add(t);
        }
        elements.Add(current);
        var kept = elements.Where(e => e.Count > 0 && !IsTableConstraint(e[0])).Select(ColumnDefinition).ToList();
        output.Add(SqlToken.Raw("("));
        for (var k = 0; k < kept.Count; k++)
        {
            if (k > 0) output.Add(SqlToken.Raw(","));
            output.AddRange(kept[k]);
        }
        output.Add(SqlToken.Raw(")"));
        return end + 1;
    }

    private static bool IsTableConstraint(SqlToken first) =>
        first.Kind == SqlTokenKind.Word && first.Text is "CONSTRAINT" or "PRIMARY" or "UNIQUE" or "FOREIGN";

    private static List<SqlToken> ColumnDefinition(List<SqlToken> element)
    {
        var output = new List<SqlToken> { element[0] };
        var i = 1;
        if (i < element.Count)
        {
            var (type, consumed) = SqlTypes.Map(element, i);
            if (consumed > 0) { output.AddRange(type); i += consumed; }
        }
        while (i < element.Count)
        {
            var t = element[i];
            if (t.IsWord("PRIMARY") || t.IsWord("FOREIGN")) i += 2;
            else if (t.IsWord("UNIQUE")) i++;
            else if (t.IsWord("CONSTRAINT")) i += 2;
            else if (t.IsWord("COMMENT")) i += 2;
            else if (t.IsWord("REFERENCES"))
            {
                i += 2;
                while (At(element, i)?.IsSymbol(".") == true) i += 2;
                i += SqlTypes.ParenGroupLength(element, i);
            }
            else output.Add(element[i++]);
        }
        return output;
    }

    private static SqlToken? At(IReadOnlyList<SqlToken> tokens, int i) => i < tokens.Count ? tokens[i] : null;
}
