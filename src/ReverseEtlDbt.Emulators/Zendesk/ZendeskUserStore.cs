using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>
/// The emulated account's users, found by id, <c>external_id</c> (exact) or <c>email</c> (case-insensitive).
/// Not thread-safe on its own: callers hold <see cref="Gate"/>.
/// </summary>
internal sealed class ZendeskUserStore
{
    private readonly SortedDictionary<long, ZendeskUser> byId = [];
    private readonly Dictionary<string, long> byExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> byEmail = new(StringComparer.OrdinalIgnoreCase);
    private long nextId = 360_000_000_000;

    public Lock Gate { get; } = new();

    public IReadOnlyList<ZendeskUser> All() => byId.Values.ToList();

    public ZendeskUser? Find(long id) => byId.GetValueOrDefault(id);

    public ZendeskUser? FindByExternalId(string externalId) =>
        byExternalId.TryGetValue(externalId, out var id) ? byId[id] : null;

    public ZendeskUser? FindByEmail(string email) => byEmail.TryGetValue(email, out var id) ? byId[id] : null;

    /// <summary>Users with an id greater than <paramref name="after"/>, in id order (cursor pagination).</summary>
    public IReadOnlyList<ZendeskUser> Page(long after, int size) => byId.Values.Where(u => u.Id > after).Take(size).ToList();

    public ZendeskUser Create(string? externalId, string? email, IReadOnlyDictionary<string, JsonNode?> fields, DateTimeOffset now) =>
        Put(new ZendeskUser(++nextId, externalId, email, Merge(new Dictionary<string, JsonNode?>(), fields), now));

    /// <summary>
    /// Provided attributes overwrite and a null clears; <c>user_fields</c> merge key by key. The email only fills an
    /// empty primary email (Zendesk adds any other as a secondary identity, which this emulator does not keep).
    /// </summary>
    public ZendeskUser Update(ZendeskUser user, string? externalId, string? email, IReadOnlyDictionary<string, JsonNode?> fields, DateTimeOffset now)
    {
        Remove(user);
        return Put(user with
        {
            ExternalId = externalId ?? user.ExternalId,
            Email = user.Email ?? email,
            Fields = Merge(user.Fields, fields),
            UpdatedAt = now,
        });
    }

    public void Remove(ZendeskUser user)
    {
        byId.Remove(user.Id);
        if (user.ExternalId is { } externalId) byExternalId.Remove(externalId);
        if (user.Email is { } email) byEmail.Remove(email);
    }

    private ZendeskUser Put(ZendeskUser user)
    {
        byId[user.Id] = user;
        if (user.ExternalId is { } externalId) byExternalId[externalId] = user.Id;
        if (user.Email is { } email) byEmail[email] = user.Id;
        return user;
    }

    private static Dictionary<string, JsonNode?> Merge(IReadOnlyDictionary<string, JsonNode?> current, IReadOnlyDictionary<string, JsonNode?> values)
    {
        var merged = current.ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone(), StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (key == "user_fields" && value is JsonObject custom && merged.GetValueOrDefault(key) is JsonObject existing)
                foreach (var (field, fieldValue) in custom) existing[field] = fieldValue?.DeepClone();
            else if (value is null) merged.Remove(key);
            else merged[key] = value.DeepClone();
        }
        return merged;
    }
}
