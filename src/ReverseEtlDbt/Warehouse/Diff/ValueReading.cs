using ReverseEtlDbt.Warehouse.Guard;

namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// How the diff reads one synced column so that its value travels exactly (DESIGN §3 rule 7), chosen from the
/// column's type in the warehouse. Types a .NET value holds exactly are read natively; numbers, dates and timestamps
/// are selected as the warehouse's own text (never through <see cref="decimal"/> or <see cref="DateTime"/>, which
/// round 38-digit decimals and refuse infinite dates) and parsed by <see cref="ValueReader"/>.
/// </summary>
public enum ValueReading
{
    /// <summary>No type known: the provider's value, guarded (a value it cannot read becomes unsendable).</summary>
    Unknown,
    /// <summary>Integers up to 64 bits, text, booleans, uuids, json, blobs, times: the provider's value is exact.</summary>
    Native,
    /// <summary>double / real: the provider's value; NaN and ±Infinity are unsendable (JSON has no such number).</summary>
    Float,
    /// <summary>numeric / decimal / hugeint: the warehouse's text, as <see cref="Values.ExactNumber"/>.</summary>
    Number,
    /// <summary>date: the warehouse's text, as <see cref="DateOnly"/>.</summary>
    Date,
    /// <summary>timestamp without time zone: the warehouse's text, as a naive <see cref="Values.ExactTimestamp"/>.</summary>
    Timestamp,
    /// <summary>timestamp with time zone: converted to UTC in SQL, as a <see cref="Values.ExactTimestamp"/> with <c>Z</c>.</summary>
    TimestampUtc,
    /// <summary>Any other type (interval, DuckDB lists and structs, …): the warehouse's text, as a string.</summary>
    Text,
}

/// <summary>Chooses a <see cref="ValueReading"/> from a type as <see cref="DataTypeNormalizer"/> names its family.</summary>
public static class ValueReadings
{
    private static readonly HashSet<string> NativeFamilies = new(StringComparer.Ordinal)
    {
        "tinyint", "smallint", "integer", "bigint", "utinyint", "usmallint", "uinteger", "ubigint",
        "text", "boolean", "uuid", "json", "jsonb", "blob", "time",
    };

    private static readonly HashSet<string> NumberFamilies = new(StringComparer.Ordinal) { "numeric", "hugeint", "uhugeint", "varint", "bignum" };

    private static readonly HashSet<string> TimestampFamilies = new(StringComparer.Ordinal)
    {
        "timestamp", "timestamp_s", "timestamp_ms", "timestamp_ns", "timestamp without time zone",
    };

    public static ValueReading For(string? dataType)
    {
        if (dataType is null) return ValueReading.Unknown;
        var family = DataTypeNormalizer.Normalize(dataType).Family;
        if (NativeFamilies.Contains(family)) return ValueReading.Native;
        if (NumberFamilies.Contains(family)) return ValueReading.Number;
        if (TimestampFamilies.Contains(family)) return ValueReading.Timestamp;
        return family switch
        {
            "double" or "real" => ValueReading.Float,
            "date" => ValueReading.Date,
            "timestamptz" => ValueReading.TimestampUtc,
            _ => ValueReading.Text,
        };
    }

    /// <summary>
    /// The select-list item reading <paramref name="column"/> as <paramref name="alias"/>: numbers, dates, timestamps
    /// and other types as the warehouse's text, a timestamptz as text in UTC, the rest as stored.
    /// </summary>
    public static string Select(ValueReading reading, string column, string alias, ISqlDialect dialect) => reading switch
    {
        ValueReading.Number or ValueReading.Text => $"{dialect.CastToText(column)} AS {alias}",
        ValueReading.Date => $"{dialect.DateText(column)} AS {alias}",
        ValueReading.Timestamp => $"{dialect.TemporalText(column)} AS {alias}",
        ValueReading.TimestampUtc => $"{dialect.UtcText(column)} AS {alias}",
        _ => column,
    };
}
