using System.Globalization;
using System.Text.Json;

namespace ReverseEtlDbt.Destinations.HubSpot;

/// <summary>
/// HubSpot property values are strings. A null becomes <c>""</c>, which HubSpot documents as "clear the value";
/// numbers and dates are written invariantly (dates as ISO 8601, which date and datetime properties accept).
/// </summary>
internal static class HubSpotPropertyValue
{
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d => d.Kind == DateTimeKind.Unspecified
            ? d.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture)
            : d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => "",
        JsonElement e => e.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
