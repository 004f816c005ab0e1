using System.Globalization;
using System.Text.Json;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// The request's <c>bindings</c> (<c>{"1": {"type": "FIXED", "value": "100"}}</c>) as values for DuckDB's <c>?</c>
/// markers, in position order. Values are strings; a JSON null value binds SQL NULL. DATE accepts <c>YYYY-MM-DD</c> or
/// epoch milliseconds, TIMESTAMP_NTZ an ISO timestamp or epoch nanoseconds (what Snowflake's drivers send).
/// </summary>
internal static class SnowflakeBindings
{
    public static IReadOnlyList<object?> Parse(JsonElement bindings)
    {
        if (bindings.ValueKind != JsonValueKind.Object) return [];
        var byPosition = new SortedDictionary<int, object?>();
        foreach (var binding in bindings.EnumerateObject())
        {
            if (!int.TryParse(binding.Name, CultureInfo.InvariantCulture, out var position) || position < 1)
                throw Invalid($"Invalid bind variable position '{binding.Name}'.");
            var type = binding.Value.TryGetProperty("type", out var t) ? t.GetString() ?? "TEXT" : "TEXT";
            var value = binding.Value.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null
                ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
                : null;
            byPosition[position] = value is null ? null : Convert(type.ToUpperInvariant(), value, position);
        }
        if (byPosition.Count > 0 && byPosition.Keys.Last() != byPosition.Count)
            throw Invalid("Bind variable positions must be 1..n without gaps.");
        return byPosition.Values.ToList();
    }

    private static object Convert(string type, string value, int position)
    {
        try
        {
            return type switch
            {
                "FIXED" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
                "FIXED" => decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
                "REAL" => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
                "BOOLEAN" => value.Trim().ToUpperInvariant() is "TRUE" or "1" or "T" or "YES" or "Y" or "ON",
                "DATE" when long.TryParse(value, CultureInfo.InvariantCulture, out var ms) =>
                    DateOnly.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(ms)),
                "DATE" => DateOnly.Parse(value, CultureInfo.InvariantCulture),
                "TIMESTAMP_NTZ" or "TIMESTAMP_LTZ" or "TIMESTAMP_TZ" when long.TryParse(value, CultureInfo.InvariantCulture, out var ns) =>
                    DateTime.UnixEpoch.AddTicks(ns / 100),
                "TIMESTAMP_NTZ" or "TIMESTAMP_LTZ" or "TIMESTAMP_TZ" =>
                    DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                "TIME" => TimeOnly.Parse(value, CultureInfo.InvariantCulture),
                "BINARY" => System.Convert.FromHexString(value),
                "TEXT" => value,
                _ => throw Invalid($"Unsupported bind variable type '{type}'."),
            };
        }
        catch (FormatException)
        {
            throw Invalid($"Bind variable {position} of type {type} has an invalid value '{value}'.");
        }
    }

    private static SnowflakeSqlException Invalid(string message) => new(new SnowflakeError("002049", "22000", message));
}
