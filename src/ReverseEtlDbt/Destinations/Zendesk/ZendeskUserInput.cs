using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReverseEtlDbt.Destinations.Http;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.Values;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// One user of a <c>create_or_update_many</c> request and the row it came from. The match field (<c>external_id</c>
/// or <c>email</c>) carries the row's match value; a mapped field named <c>user_fields.&lt;key&gt;</c> goes under
/// <c>user_fields</c>; every other field is a top-level user attribute. A null is sent as JSON null: it clears.
/// </summary>
internal sealed record ZendeskUserInput(RecordChange Row, string MatchField, string MatchValue)
{
    private const string UserFieldsPrefix = "user_fields.";

    public JsonObject ToJson()
    {
        var user = new JsonObject();
        JsonObject? custom = null;
        foreach (var (field, value) in Row.Fields)
        {
            if (field.StartsWith(UserFieldsPrefix, StringComparison.Ordinal))
                (custom ??= new JsonObject())[field[UserFieldsPrefix.Length..]] = Value(value);
            else user[field] = Value(value);
        }
        if (custom is not null) user["user_fields"] = custom;
        user[MatchField] = MatchValue;
        return user;
    }

    /// <summary>
    /// <paramref name="reason"/> with this user's email masked (<c>a***@example.com</c>): Zendesk quotes it in
    /// failures ("Email: … is not properly formatted"), and reasons reach reports where PII must not.
    /// </summary>
    public string MaskEmail(string reason)
    {
        var emails = new[] { MatchField == "email" ? MatchValue : null, Row.Fields.GetValueOrDefault("email") as string };
        return new Scrubber([], emails).Scrub(reason);
    }

    /// <summary>Whether a job result names this user (by its match field, emails compared case-insensitively).</summary>
    public bool IsNamedBy(JsonElement result) =>
        DestinationJson.Text(result, MatchField) is { } value
        && string.Equals(value, MatchValue, MatchField == "email" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>Whether a job result names some other user than this one.</summary>
    public bool Contradicts(JsonElement result) => DestinationJson.Text(result, MatchField) is not null && !IsNamedBy(result);

    private static JsonNode? Value(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        DateTime d => JsonValue.Create(d.Kind == DateTimeKind.Unspecified
            ? d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
            : d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
        DateTimeOffset d => JsonValue.Create(d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ExactNumber n => JsonNode.Parse(n.Text),
        ExactTimestamp t => JsonValue.Create(t.Iso),
        JsonElement e => JsonNode.Parse(e.GetRawText()),
        int or long or short or byte or sbyte or uint or ushort => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        decimal m => JsonValue.Create(m),
        double x when !double.IsFinite(x) => null,
        float or double => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        IFormattable f => JsonValue.Create(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };
}
