namespace ReverseEtlDbt.Warehouse.Redshift;

/// <summary>
/// Redshift SQL (WAREHOUSES.md §5): PostgreSQL's quoting and <c>md5</c>, but no <c>concat_ws</c>, no <c>TEXT</c> columns
/// (they become <c>VARCHAR(256)</c>), no <c>to_json</c>, no arrays, no <c>ON CONFLICT</c> and no advisory locks. Every
/// statement it leads to also runs on PostgreSQL, which is how CI tests it.
/// </summary>
/// <remarks>
/// Texts are <c>VARCHAR(65535)</c>, Redshift's widest. Dates and timestamps render through a plain cast under
/// <c>DateStyle ISO</c>, which <see cref="RedshiftWarehouse"/> sets on every connection. A fingerprint joins its parts
/// with <c>||</c>; every part is already non-null, so it is the same text as PostgreSQL's <c>concat_ws</c> and a model
/// moved from PostgreSQL to Redshift keeps its fingerprints.
/// </remarks>
public sealed class RedshiftDialect : ISqlDialect
{
    public static readonly RedshiftDialect Instance = new();

    public string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string HashText(string textExpression) => $"MD5({textExpression})";

    public string CastToText(string expression) => $"CAST({expression} AS {TextType})";

    public string TemporalText(string expression) => CastToText(expression);

    public string UtcText(string expression) => CastToText($"({expression}) AT TIME ZONE 'UTC'");

    public string JoinTexts(string separator, IEnumerable<string> parts) => "(" + string.Join($" || {separator} || ", parts) + ")";

    public string TextType => "VARCHAR(65535)";

    public DialectTraits Traits { get; } = new()
    {
        Locking = LockKind.LeaseTableLock, NativeUpserts = false, EnforcesKeyConstraints = false, GroupsKeysInDiff = true,
    };
}
