using System.Globalization;
using ReverseEtlDbt.Warehouse.Snowflake.Api;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>
/// Decodes the SQL API's <c>jsonv2</c> cells (every value a string) by the column's <c>rowType</c>: FIXED as a decimal
/// string, DATE as days since 1970-01-01, TIME/TIMESTAMP_NTZ/LTZ as epoch seconds with fractions, TIMESTAMP_TZ as epoch
/// seconds, a space and the offset in minutes + 1440, BINARY as hex. ISO text is accepted too for dates and times, as an
/// emulator may send it. Also names each column's Snowflake type and .NET type.
/// </summary>
internal static class JsonV2Cells
{
    public static object Decode(SnowflakeColumn column, string text) =>
        column.Type switch
        {
            "fixed" when column.Scale is null or 0 => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (object)Decimal(text),
            "fixed" => Decimal(text),
            "real" => Real(text),
            "boolean" => text is "true" or "TRUE" or "1",
            "date" => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days)
                ? DateTime.UnixEpoch.AddDays(days).Date
                : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None),
            "time" => Epoch(text) is { } ticks ? TimeSpan.FromTicks(ticks) : TimeSpan.Parse(text, CultureInfo.InvariantCulture),
            "timestamp_ntz" => Timestamp(text, DateTimeKind.Unspecified),
            "timestamp_ltz" => Timestamp(text, DateTimeKind.Utc),
            "timestamp_tz" => TimestampTz(text),
            "binary" => Convert.FromHexString(text),
            _ => text,
        };

    public static Type FieldType(SnowflakeColumn column) =>
        column.Type switch
        {
            "fixed" when column.Scale is null or 0 => typeof(long),
            "fixed" => typeof(decimal),
            "real" => typeof(double),
            "boolean" => typeof(bool),
            "date" or "timestamp_ntz" or "timestamp_ltz" => typeof(DateTime),
            "time" => typeof(TimeSpan),
            "timestamp_tz" => typeof(DateTimeOffset),
            "binary" => typeof(byte[]),
            _ => typeof(string),
        };

    /// <summary>The type as Snowflake's <c>DESCRIBE</c> names it: <c>NUMBER(38,0)</c>, <c>TEXT</c>, <c>TIMESTAMP_NTZ</c>.</summary>
    public static string TypeName(SnowflakeColumn column) =>
        column.Type switch
        {
            "fixed" => $"NUMBER({column.Precision ?? 38},{column.Scale ?? 0})",
            "real" => "FLOAT",
            _ => column.Type.ToUpperInvariant(),
        };

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double Real(string text) =>
        text.ToLowerInvariant() switch
        {
            "inf" or "infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            "nan" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };

    private static DateTime Timestamp(string text, DateTimeKind kind) =>
        Epoch(text) is { } ticks
            ? DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks(ticks), kind)
            : DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None), kind);

    private static DateTimeOffset TimestampTz(string text)
    {
        var parts = text.Split(' ');
        if (parts.Length == 2 && Epoch(parts[0]) is { } ticks && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var encoded))
            return new DateTimeOffset(DateTime.UnixEpoch.AddTicks(ticks)).ToOffset(TimeSpan.FromMinutes(encoded - 1440));
        return Epoch(text) is { } utc
            ? new DateTimeOffset(DateTime.UnixEpoch.AddTicks(utc))
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Epoch seconds (with up to 9 fractional digits) as ticks, truncated to .NET's 100 ns; null when not a number.</summary>
    private static long? Epoch(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? (long)decimal.Truncate(seconds * TimeSpan.TicksPerSecond) : null;
}
