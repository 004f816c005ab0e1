using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Values;

/// <summary>
/// A timestamp with every fractional digit the warehouse holds (microseconds, DuckDB's nanoseconds), as ISO 8601:
/// <c>2026-01-02T03:04:05.123456Z</c> for a <c>timestamptz</c> (read in UTC, so it carries <c>Z</c>), and
/// <c>2026-01-02T03:04:05.123456</c> for a naive <c>timestamp</c>, which stays naive: retl does not guess its zone.
/// Years 0001–9999 only; anything else (infinity, BC, year 10000+) is an <see cref="UnsendableValue"/>.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed partial record ExactTimestamp : IFormattable
{
    private ExactTimestamp(string iso, bool utc) => (Iso, IsUtc) = (iso, utc);

    /// <summary>ISO 8601, with <c>Z</c> when <see cref="IsUtc"/>.</summary>
    public string Iso { get; }

    public bool IsUtc { get; }

    /// <summary>
    /// The timestamp in the warehouse's text (<c>yyyy-MM-dd HH:mm:ss[.f…]</c>, UTC when <paramref name="utc"/>, an
    /// offset of <c>+00</c> allowed), or null when it is not one a destination can read.
    /// </summary>
    public static ExactTimestamp? TryParse(string text, bool utc)
    {
        var match = WarehouseText().Match(text);
        if (!match.Success || match.Groups["offset"].Success && !utc) return null;
        var date = match.Groups["date"].Value;
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return null;
        var iso = $"{date}T{match.Groups["time"].Value}{match.Groups["fraction"].Value}{(utc ? "Z" : "")}";
        return new ExactTimestamp(iso, utc);
    }

    public override string ToString() => Iso;

    public string ToString(string? format, IFormatProvider? formatProvider) => Iso;

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[ T](?<time>([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9])(?<fraction>\.[0-9]{1,9})?(?<offset>\+00(:00)?)?$")]
    private static partial Regex WarehouseText();

    /// <summary>Writes <see cref="Iso"/> as a JSON string.</summary>
    public sealed class Converter : JsonConverter<ExactTimestamp>
    {
        public override ExactTimestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? "";
            var utc = text.EndsWith('Z');
            return TryParse(utc ? text[..^1] : text, utc) ?? throw new JsonException("not a timestamp");
        }

        public override void Write(Utf8JsonWriter writer, ExactTimestamp value, JsonSerializerOptions options) => writer.WriteStringValue(value.Iso);
    }
}
