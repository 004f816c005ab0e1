namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>
/// The emulator's CRM: records per object type, found by record id or by the value of a unique property.
/// Thread-safe; a batch is applied under one lock so concurrent batches do not interleave.
/// </summary>
internal sealed class HubSpotStore
{
    /// <summary>The property naming the record id, as HubSpot accepts it for <c>idProperty</c>.</summary>
    public const string RecordIdProperty = "hs_object_id";

    private readonly Dictionary<string, List<HubSpotRecord>> byType = new(StringComparer.OrdinalIgnoreCase);
    private long nextId = 1000;

    public Lock Gate { get; } = new();

    public IReadOnlyList<HubSpotRecord> Active(string objectType)
    {
        lock (Gate) return Records(objectType).Where(r => !r.Archived).ToList();
    }

    public IReadOnlyList<HubSpotRecord> All()
    {
        lock (Gate) return byType.Values.SelectMany(r => r).ToList();
    }

    /// <summary>An active record by id (<paramref name="idProperty"/> null or <c>hs_object_id</c>) or by a unique property value.</summary>
    public HubSpotRecord? Find(string objectType, string? idProperty, string id) =>
        Records(objectType).FirstOrDefault(r => !r.Archived && (
            idProperty is null || idProperty.Equals(RecordIdProperty, StringComparison.OrdinalIgnoreCase)
                ? r.Id == id
                : string.Equals(r[idProperty], id, StringComparison.OrdinalIgnoreCase)));

    public HubSpotRecord Create(string objectType, IReadOnlyDictionary<string, string> properties, DateTimeOffset now)
    {
        var record = new HubSpotRecord(
            Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            objectType, Merge(EmptyProperties, properties), now, now);
        Records(objectType).Add(record);
        return record;
    }

    /// <summary>Provided values overwrite; an empty string clears the property, as HubSpot documents.</summary>
    public HubSpotRecord Update(HubSpotRecord existing, IReadOnlyDictionary<string, string> properties, DateTimeOffset now) =>
        Replace(existing, existing with
        {
            Properties = Merge(existing.Properties, properties),
            UpdatedAt = now,
        });

    public void Archive(HubSpotRecord existing, DateTimeOffset now) =>
        Replace(existing, existing with { Archived = true, UpdatedAt = now });

    private HubSpotRecord Replace(HubSpotRecord existing, HubSpotRecord updated)
    {
        var list = Records(existing.ObjectType);
        list[list.IndexOf(existing)] = updated;
        return updated;
    }

    private List<HubSpotRecord> Records(string objectType) =>
        byType.TryGetValue(objectType, out var list) ? list : byType[objectType] = [];

    private static readonly Dictionary<string, string> EmptyProperties = [];

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> values)
    {
        var merged = new Dictionary<string, string>(current, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
            if (value.Length == 0) merged.Remove(key);
            else merged[key] = value;
        return merged;
    }
}
