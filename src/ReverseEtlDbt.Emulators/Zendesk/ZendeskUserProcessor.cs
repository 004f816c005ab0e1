using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>
/// What a bulk users job does when it runs: each <c>create_or_update_many</c> item is matched by <c>external_id</c>,
/// else <c>email</c>, then created or updated; each <c>destroy_many</c> id is deleted. Results come back one per item,
/// in request order, as Zendesk reports them (<c>Created</c>, <c>Updated</c>, <c>Failed</c> with error and details).
/// </summary>
internal sealed partial class ZendeskUserProcessor(ZendeskUserStore store, TimeProvider time)
{
    public JsonArray CreateOrUpdate(IReadOnlyList<JsonObject> items)
    {
        var results = new JsonArray();
        lock (store.Gate)
            for (var i = 0; i < items.Count; i++) results.Add(CreateOrUpdate(items[i], i));
        return results;
    }

    public JsonArray Destroy(IReadOnlyList<string> ids, bool external)
    {
        var results = new JsonArray();
        lock (store.Gate)
            foreach (var id in ids)
            {
                var user = external ? store.FindByExternalId(id) : long.TryParse(id, out var n) ? store.Find(n) : null;
                if (user is not null) store.Remove(user);
                results.Add(user is null
                    ? new JsonObject { ["id"] = id, ["action"] = "delete", ["success"] = false, ["error"] = "RecordNotFound", ["details"] = "User not found" }
                    : new JsonObject { ["id"] = user.Id, ["action"] = "delete", ["success"] = true, ["status"] = "Deleted" });
            }
        return results;
    }

    private JsonObject CreateOrUpdate(JsonObject item, int index)
    {
        var externalId = Text(item["external_id"]);
        var email = Text(item["email"]);
        if (externalId is null && email is null)
            return Failed(index, null, null, "UserUpdateError", "User: an email or external_id is needed to create or update a user");
        if (email is not null && !EmailPattern().IsMatch(email))
            return Failed(index, externalId, email, "UserUpdateError", $"Email: {email} is not properly formatted");

        var fields = item.Where(kv => kv.Key is not ("external_id" or "email" or "id"))
            .ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone(), StringComparer.Ordinal);
        var existing = (externalId is null ? null : store.FindByExternalId(externalId)) ?? (email is null ? null : store.FindByEmail(email));
        var now = time.GetUtcNow();
        if (existing is null)
        {
            if (fields.GetValueOrDefault("name") is null)
                return Failed(index, externalId, email, "UserCreateError", "Name: cannot be blank");
            return Done(store.Create(externalId, email, fields, now), "Created");
        }
        if (email is not null && store.FindByEmail(email) is { } owner && owner.Id != existing.Id)
            return Failed(index, externalId, email, "UserUpdateError", $"Email: {email} is already being used by another user");
        return Done(store.Update(existing, externalId, email, fields, now), "Updated");
    }

    private static JsonObject Done(ZendeskUser user, string status) =>
        new() { ["id"] = user.Id, ["status"] = status, ["email"] = user.Email, ["external_id"] = user.ExternalId };

    /// <summary>As in Zendesk's own example, a failed item's <c>id</c> is its position in the request, not a user id.</summary>
    private static JsonObject Failed(int index, string? externalId, string? email, string error, string details) => new()
    {
        ["id"] = index, ["status"] = "Failed", ["error"] = error, ["details"] = details,
        ["email"] = email, ["external_id"] = externalId,
    };

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>() is { Length: > 0 } s ? s : null,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
