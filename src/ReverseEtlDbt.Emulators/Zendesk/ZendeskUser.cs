using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>One user of the emulated account. <see cref="Fields"/> holds every other attribute as sent (<c>name</c>, <c>user_fields</c>, …).</summary>
public sealed record ZendeskUser(long Id, string? ExternalId, string? Email, IReadOnlyDictionary<string, JsonNode?> Fields, DateTimeOffset UpdatedAt)
{
    /// <summary>A top-level attribute as text (<c>null</c> when absent or null).</summary>
    public string? this[string field] => Fields.GetValueOrDefault(field)?.ToString();

    /// <summary>A custom field under <c>user_fields</c> as text.</summary>
    public string? UserField(string key) => Fields.GetValueOrDefault("user_fields") is JsonObject custom ? custom[key]?.ToString() : null;

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = Id, ["external_id"] = ExternalId, ["email"] = Email };
        foreach (var (key, value) in Fields) json[key] = value?.DeepClone();
        json["updated_at"] = UpdatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        return json;
    }
}
