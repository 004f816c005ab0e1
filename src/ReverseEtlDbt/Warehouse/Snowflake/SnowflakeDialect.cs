using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Warehouse.Snowflake;

/// <summary>
/// Snowflake SQL (WAREHOUSES.md §2): unquoted names are stored in upper case, so a dbt name written in lower case
/// (<c>customer_health</c>) is quoted as Snowflake stores it (<c>"CUSTOMER_HEALTH"</c>); a name with capitals or other
/// characters was quoted by its author and keeps its case. Texts are rendered with explicit formats so fingerprints do
/// not depend on session parameters; <c>||</c> joins parts that are never null (Snowflake's <c>CONCAT</c> and
/// <c>CONCAT_WS</c> return NULL for any NULL argument).
/// </summary>
/// <remarks>
/// The ledger's own names are written quoted in lower case on every warehouse (<see cref="QuoteExact"/>), so on
/// Snowflake they are case-sensitive lower-case names (see docs/warehouses.md). Transactions live in
/// one SQL API request, so DDL is never part of one, the lease is one <c>MERGE</c>, and the diff is materialised into
/// a transient table (a temporary one would vanish with its request), dropped when the sync ends.
/// </remarks>
public sealed partial class SnowflakeDialect : ISqlDialect
{
    public static readonly SnowflakeDialect Instance = new();

    private const string TimestampFormat = "'YYYY-MM-DD\"T\"HH24:MI:SS.FF6'";

    public string QuoteIdentifier(string identifier) =>
        "\"" + (Folds().IsMatch(identifier) ? identifier.ToUpperInvariant() : identifier).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string QuoteExact(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string HashText(string textExpression) => $"MD5({textExpression})";

    public string CastToText(string expression) => $"TO_VARCHAR({expression})";

    public string TemporalText(string expression) => $"TO_VARCHAR({expression}, {TimestampFormat})";

    public string DateText(string expression) => $"TO_VARCHAR({expression}, 'YYYY-MM-DD')";

    public string UtcText(string expression) => TemporalText($"CONVERT_TIMEZONE('UTC', {expression})");

    public string JoinTexts(string separator, IEnumerable<string> parts) => "(" + string.Join($" || {separator} || ", parts) + ")";

    public string RowNumber(string orderBy) => $"ROW_NUMBER() OVER (ORDER BY {orderBy})";

    public string ScratchTableKind => "TRANSIENT";

    public string TextType => "VARCHAR";

    public DialectTraits Traits { get; } = new()
    {
        Locking = LockKind.LeaseMerge, NativeUpserts = false, EnforcesKeyConstraints = false, TransactionalDdl = false, IntegersAreNumbers = true,
        ScratchTablesOutliveSessions = true, GroupsKeysInDiff = true,
    };

    /// <summary>A name Snowflake would store in upper case had it been written unquoted: lower-case letters, digits, _ and $.</summary>
    [GeneratedRegex("^[a-z_][a-z0-9_$]*$")]
    private static partial Regex Folds();
}
