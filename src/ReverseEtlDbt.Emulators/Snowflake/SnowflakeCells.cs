using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// Reads a DuckDB result into Snowflake's jsonv2 form: every non-null cell a string (FIXED a decimal, REAL a number,
/// BOOLEAN true/false, DATE days since 1970-01-01, TIMESTAMP_NTZ epoch seconds with 9 fractional digits,
/// TIMESTAMP_TZ the same plus a space and the offset in minutes + 1440, TIME seconds since midnight, BINARY hex),
/// and the rowType with Snowflake's lower-case type names.
/// </summary>
internal static class SnowflakeCells
{
    public static SnowflakeResult Read(DbDataReader reader, int partitionSize)
    {
        var rows = new List<string?[]>();
        var raw = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            raw.Add(values);
        }
        var columns = new List<SnowflakeColumn>();
        for (var i = 0; i < reader.FieldCount; i++)
            columns.Add(Column(Name(reader.GetName(i)), reader.GetFieldType(i), reader.GetDataTypeName(i), raw.Select(r => r[i])));
        foreach (var values in raw)
            rows.Add(values.Select((v, i) => v is null ? null : Encode(v, columns[i].Type)).ToArray());
        return new SnowflakeResult(columns, rows) { PartitionSize = partitionSize };
    }

    /// <summary>DuckDB's names for unaliased aggregates, in Snowflake's spelling.</summary>
    private static string Name(string duckDb) => duckDb == "count_star()" ? "COUNT(*)" : duckDb;

    private static SnowflakeColumn Column(string name, Type type, string duckDbType, IEnumerable<object?> values)
    {
        if (type == typeof(decimal))
            return new SnowflakeColumn(name, "fixed", 38, values.OfType<decimal>().Select(d => (int)d.Scale).DefaultIfEmpty(0).Max());
        if (type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte)
            || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) || type == typeof(BigInteger))
            return SnowflakeColumn.Fixed(name);
        if (type == typeof(double) || type == typeof(float)) return new SnowflakeColumn(name, "real");
        if (type == typeof(bool)) return new SnowflakeColumn(name, "boolean");
        if (type == typeof(DateOnly)) return new SnowflakeColumn(name, "date");
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            return new SnowflakeColumn(name, duckDbType.Contains("Tz", StringComparison.OrdinalIgnoreCase) ? "timestamp_tz" : "timestamp_ntz", 0, 9);
        if (type == typeof(TimeOnly) || type == typeof(TimeSpan)) return new SnowflakeColumn(name, "time", 0, 9);
        if (type == typeof(byte[]) || typeof(Stream).IsAssignableFrom(type)) return new SnowflakeColumn(name, "binary", Length: 8388608);
        if (type == typeof(string) || type == typeof(Guid)) return SnowflakeColumn.Text(name);
        return new SnowflakeColumn(name, "variant", Length: 16777216);
    }

    private static string Encode(object value, string type) => value switch
    {
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        float x => ((double)x).ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly date => (date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber).ToString(CultureInfo.InvariantCulture),
        DateTime dt when type == "timestamp_tz" => EpochSeconds(DateTime.SpecifyKind(dt, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) + " 1440",
        DateTime dt => EpochSeconds(dt.Ticks - DateTime.UnixEpoch.Ticks),
        DateTimeOffset dto => EpochSeconds(dto.UtcTicks - DateTime.UnixEpoch.Ticks) + " "
            + ((int)dto.Offset.TotalMinutes + 1440).ToString(CultureInfo.InvariantCulture),
        TimeOnly time => EpochSeconds(time.Ticks),
        TimeSpan span => EpochSeconds(span.Ticks),
        byte[] bytes => Convert.ToHexString(bytes),
        Stream stream => Hex(stream),
        IFormattable formattable when type == "fixed" => formattable.ToString(null, CultureInfo.InvariantCulture),
        string s => s,
        Guid g => g.ToString(),
        _ => JsonSerializer.Serialize(value),
    };

    /// <summary>Seconds with exactly nine fractional digits, from 100 ns ticks.</summary>
    private static string EpochSeconds(long ticks)
    {
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0) { seconds--; rest += TimeSpan.TicksPerSecond; }
        return seconds.ToString(CultureInfo.InvariantCulture) + "." + (rest * 100).ToString("D9", CultureInfo.InvariantCulture);
    }

    private static string Hex(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Convert.ToHexString(copy.ToArray());
    }
}
