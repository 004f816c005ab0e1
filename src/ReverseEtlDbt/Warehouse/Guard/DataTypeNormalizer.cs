using System.Globalization;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Warehouse.Guard;

/// <summary>
/// Maps the many spellings of a type (dbt contract <c>data_type</c>, DuckDB and PostgreSQL catalog names)
/// to one <see cref="NormalizedType"/>, case-insensitively; lengths of text types are ignored.
/// <c>float</c> means double precision, as in PostgreSQL and dbt; <c>json</c> and <c>jsonb</c> stay distinct.
/// </summary>
public static partial class DataTypeNormalizer
{
    private static readonly Dictionary<string, string> Families = new(StringComparer.Ordinal)
    {
        ["integer"] = "integer", ["int"] = "integer", ["int4"] = "integer", ["signed"] = "integer", ["int32"] = "integer",
        ["bigint"] = "bigint", ["int8"] = "bigint", ["long"] = "bigint", ["int64"] = "bigint",
        ["smallint"] = "smallint", ["int2"] = "smallint", ["short"] = "smallint", ["int16"] = "smallint",
        ["tinyint"] = "tinyint", ["int1"] = "tinyint",
        ["text"] = "text", ["varchar"] = "text", ["string"] = "text", ["character varying"] = "text",
        ["char varying"] = "text", ["nvarchar"] = "text",
        ["numeric"] = "numeric", ["decimal"] = "numeric", ["dec"] = "numeric",
        ["float"] = "double", ["float8"] = "double", ["double"] = "double", ["double precision"] = "double", ["float64"] = "double",
        ["real"] = "real", ["float4"] = "real", ["float32"] = "real",
        ["boolean"] = "boolean", ["bool"] = "boolean", ["logical"] = "boolean",
        ["timestamp"] = "timestamp", ["timestamp without time zone"] = "timestamp", ["datetime"] = "timestamp",
        ["timestamptz"] = "timestamptz", ["timestamp with time zone"] = "timestamptz",
        ["date"] = "date",
        // Snowflake's names (information_schema and DESCRIBE): NUMBER is its one fixed-point type, TEXT its one string.
        ["number"] = "numeric", ["fixed"] = "numeric", ["timestamp_ntz"] = "timestamp", ["timestamp_ltz"] = "timestamptz",
        ["timestamp_tz"] = "timestamptz", ["variant"] = "json",
        ["time"] = "time", ["time without time zone"] = "time",
        ["timetz"] = "timetz", ["time with time zone"] = "timetz",
        ["uuid"] = "uuid", ["json"] = "json", ["jsonb"] = "jsonb", ["interval"] = "interval",
        ["bytea"] = "blob", ["blob"] = "blob", ["varbinary"] = "blob", ["binary"] = "blob",
    };

    [GeneratedRegex(@"\(\s*(?<args>[^)]*)\)")]
    private static partial Regex Arguments();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static NormalizedType Normalize(string dataType)
    {
        var text = dataType.Trim().Trim('"').ToLowerInvariant();
        var args = Arguments().Match(text);
        var name = Whitespace().Replace(Arguments().Replace(text, " "), " ").Trim();
        if (!Families.TryGetValue(name, out var family)) return new NormalizedType(Whitespace().Replace(text, " "));
        if (family != "numeric" || !args.Success) return new NormalizedType(family);

        var numbers = args.Groups["args"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new NormalizedType(family, Number(numbers, 0), numbers.Length > 1 ? Number(numbers, 1) : 0);
    }

    /// <summary>Whether dbt would consider the two spellings the same type.</summary>
    public static bool AreEquivalent(string left, string right) => Normalize(left).Matches(Normalize(right));

    /// <summary>
    /// <see cref="AreEquivalent(string, string)"/> where every integer type is <c>NUMBER(38,0)</c> when
    /// <paramref name="integersAreNumbers"/> (Snowflake, as dbt-snowflake compares them).
    /// </summary>
    public static bool AreEquivalent(string left, string right, bool integersAreNumbers) =>
        integersAreNumbers ? AsNumber(Normalize(left)).Matches(AsNumber(Normalize(right))) : AreEquivalent(left, right);

    private static NormalizedType AsNumber(NormalizedType type) =>
        type.Family is "tinyint" or "smallint" or "integer" or "bigint" ? new NormalizedType("numeric", 38, 0) : type;

    private static int? Number(string[] parts, int index) =>
        index < parts.Length && int.TryParse(parts[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
