using System.Text.Json;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// One record of a Collections request: its <c>attributes.type</c>, its <c>id</c> (update) and its fields as the
/// emulator stores them (text; JSON null clears). <see cref="Invalid"/> names a field whose value is an object or array.
/// </summary>
internal sealed record SalesforceInputRecord(string SObject, string? Id, bool HasId, IReadOnlyDictionary<string, string?> Fields, string? Invalid)
{
    public static SalesforceInputRecord Read(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object) return new SalesforceInputRecord("", null, false, new Dictionary<string, string?>(), null);
        var type = record.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
            && attributes.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? "" : "";
        string? id = null;
        string? invalid = null;
        var hasId = false;
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in record.EnumerateObject())
        {
            if (property.Name == "attributes") continue;
            if (property.Name.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                hasId = true;
                id = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                continue;
            }
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => Unreadable(ref invalid, property.Name),
            };
        }
        return new SalesforceInputRecord(type, id, hasId, fields, invalid);
    }

    private static string? Unreadable(ref string? invalid, string field)
    {
        invalid ??= field;
        return null;
    }
}
