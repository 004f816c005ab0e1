using System.Globalization;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// The emulator's org: records by 18-character id, found by id or by an external id field's value (case-insensitive,
/// as external ids are by default). Not thread-safe by itself: callers hold <see cref="Gate"/>, so one request's
/// records are applied together.
/// </summary>
internal sealed class SalesforceStore
{
    private static readonly Dictionary<string, string> KeyPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Account"] = "001", ["Contact"] = "003", ["Opportunity"] = "006", ["Lead"] = "00Q", ["Case"] = "500",
    };

    private readonly Dictionary<string, SalesforceRecord> byId = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private long nextId;

    public Lock Gate { get; } = new();

    public IEnumerable<SalesforceRecord> All => order.Select(id => byId[id]);

    public SalesforceRecord? ById(string id) => byId.GetValueOrDefault(id);

    /// <summary>Live records of <paramref name="sObject"/> whose <paramref name="field"/> equals <paramref name="value"/>.</summary>
    public IEnumerable<SalesforceRecord> Find(string sObject, string field, string value) =>
        All.Where(r => !r.Deleted && r.SObject.Equals(sObject, StringComparison.OrdinalIgnoreCase)
                       && string.Equals(r[field], value, StringComparison.OrdinalIgnoreCase));

    public SalesforceRecord Create(string sObject, IReadOnlyDictionary<string, string?> fields, DateTimeOffset now)
    {
        var prefix = KeyPrefixes.GetValueOrDefault(sObject, "a00");
        var id = prefix + (++nextId).ToString("D12", CultureInfo.InvariantCulture) + "AAA";
        var record = new SalesforceRecord(id, sObject, Merge(new Dictionary<string, string>(), fields), now, now);
        byId[id] = record;
        order.Add(id);
        return record;
    }

    /// <summary>Sent fields overwrite; a null clears the field, as a JSON null does over REST.</summary>
    public SalesforceRecord Update(SalesforceRecord existing, IReadOnlyDictionary<string, string?> fields, DateTimeOffset now) =>
        byId[existing.Id] = existing with { Fields = Merge(existing.Fields, fields), UpdatedAt = now };

    public void Delete(SalesforceRecord existing, DateTimeOffset now) =>
        byId[existing.Id] = existing with { Deleted = true, UpdatedAt = now };

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string?> fields)
    {
        var merged = new Dictionary<string, string>(current, StringComparer.OrdinalIgnoreCase);
        foreach (var (field, value) in fields)
            if (value is null) merged.Remove(field);
            else merged[field] = value;
        return merged;
    }
}
