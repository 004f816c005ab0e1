namespace ReverseEtlDbt.Emulators.Snowflake.Sql;

/// <summary>What a piece of Snowflake SQL text is, as far as translating it to DuckDB needs to know.</summary>
internal enum SqlTokenKind
{
    /// <summary>An unquoted identifier or keyword: folded to upper case, as Snowflake stores unquoted names.</summary>
    Word,
    /// <summary>A double-quoted identifier: kept as written (case and all).</summary>
    QuotedIdentifier,
    /// <summary>A string literal; <see cref="SqlToken.Value"/> holds its unescaped content.</summary>
    String,
    Number,
    /// <summary>Operators and punctuation, including the two-character <c>::</c>, <c>||</c>, <c>&lt;=</c>, ...</summary>
    Symbol,
    Whitespace,
    Comment,
}

/// <summary>
/// One token of a statement. <see cref="Text"/> is what the translator writes out; for strings it is the DuckDB
/// spelling of the literal (backslash escapes resolved, quotes doubled), for words the upper-cased name.
/// </summary>
internal sealed record SqlToken(SqlTokenKind Kind, string Text, string Value)
{
    /// <summary>The token exactly as the client wrote it (for the query history); <c>null</c> for generated tokens.</summary>
    public string? Source { get; init; }

    /// <summary>An identifier's name as Snowflake resolves it: upper-cased when unquoted, verbatim when quoted.</summary>
    public string Name => Kind == SqlTokenKind.QuotedIdentifier ? Value : Text;

    public bool IsWord(string word) => Kind == SqlTokenKind.Word && Text == word;

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;

    /// <summary>Whitespace and comments, which the translator skips when looking at neighbours.</summary>
    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.Comment;

    /// <summary>An identifier (quoted or not) as Snowflake resolves it: unquoted folded to upper case, quoted verbatim.</summary>
    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    public static SqlToken Word(string text) => new(SqlTokenKind.Word, text, text);

    public static SqlToken Raw(string text) => new(SqlTokenKind.Symbol, text, text);

    public static SqlToken Quoted(string name) => new(SqlTokenKind.QuotedIdentifier, "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", name);

    public static SqlToken Literal(string value) => new(SqlTokenKind.String, "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'", value);
}
