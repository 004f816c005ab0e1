using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReverseEtlDbt.Values;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// A mapped value as a JSON field of an sObject record. A null is sent as JSON <c>null</c>, which clears the field
/// over REST. Timestamps without a zone are taken as UTC (warehouse convention) and sent as ISO 8601 with <c>Z</c>;
/// warehouse numbers and timestamps (<see cref="ExactNumber"/>, <see cref="ExactTimestamp"/>) keep every digit.
/// </summary>
internal static class SalesforceFieldValue
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        DateTime d => JsonValue.Create((d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d)
            .ToString("yyyy-MM-ddTHH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        DateTimeOffset d => JsonValue.Create(d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ExactNumber n => JsonNode.Parse(n.Text),
        ExactTimestamp t => JsonValue.Create(t.IsUtc ? t.Iso : t.Iso + "Z"),
        double d when !double.IsFinite(d) => JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        float f when !float.IsFinite(f) => JsonValue.Create(f.ToString(CultureInfo.InvariantCulture)),
        int or long or short or byte or sbyte or uint or ulong or ushort or decimal or double or float =>
            JsonNode.Parse(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement e => JsonNode.Parse(e.GetRawText()),
        IFormattable f => JsonValue.Create(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };
}
