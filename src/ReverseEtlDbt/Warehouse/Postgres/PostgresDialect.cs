namespace ReverseEtlDbt.Warehouse.Postgres;

/// <summary>
/// PostgreSQL SQL: double-quoted identifiers, <c>md5()</c> for row fingerprints (lower-case hex of the text in the
/// database encoding; with UTF-8 the same value as DuckDB's <c>md5</c>, so fingerprints agree across warehouses), <c>CAST … AS text</c>,
/// which renders integers, text, booleans, decimals, dates and timestamps without time zone as DuckDB does (floats differ:
/// PostgreSQL prints <c>1</c> where DuckDB prints <c>1.0</c>).
/// </summary>
public sealed class PostgresDialect : ISqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string HashText(string textExpression) => $"md5({textExpression})";

    public string CastToText(string expression) => $"CAST({expression} AS text)";

    /// <remarks><c>to_json</c> writes dates and timestamps in ISO 8601 under any <c>DateStyle</c>; a text cast follows it (<c>SQL, DMY</c> gives <c>29/02/2024</c>).</remarks>
    public string TemporalText(string expression) => $"(to_json({expression}) #>> '{{}}')";

    public string UtcText(string expression) => TemporalText($"({expression}) AT TIME ZONE 'UTC'");

    public string JoinTexts(string separator, IEnumerable<string> parts) => $"concat_ws({separator}, {string.Join(", ", parts)})";

    public string TextType => "TEXT";

    public DialectTraits Traits { get; } = new()
    {
        Locking = LockKind.Advisory, NativeUpserts = true, EnforcesKeyConstraints = true, IndexesScratchTables = true,
    };
}
