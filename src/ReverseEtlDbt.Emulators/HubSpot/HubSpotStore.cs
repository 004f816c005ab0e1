namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>
/// The emulator's CRM: records per object type, found by record id or by the value of a unique property.
/// Thread-safe; a batch is applied under one lock so concurrent batches do not interleave.
/// </summary>
internal sealed class HubSpotStore
{
    /// <summary>The property naming the record id, as HubSpot accepts it for <c>idProperty</c>.</summary>
    public const string RecordIdProperty = "hs_object_id";

    private readonly Dictionary<string, TypeRecords> byType = new(StringComparer.OrdinalIgnoreCase);
    private long nextId = 1000;

    public Lock Gate { get; } = new();

    public IReadOnlyList<HubSpotRecord> Active(string objectType)
    {
        lock (Gate) return Records(objectType).InOrder().Where(r => !r.Archived).ToList();
    }

    public IReadOnlyList<HubSpotRecord> All()
    {
        lock (Gate) return byType.Values.SelectMany(r => r.InOrder()).ToList();
    }

    /// <summary>An active record by id (<paramref name="idProperty"/> null or <c>hs_object_id</c>) or by a unique property value.</summary>
    public HubSpotRecord? Find(string objectType, string? idProperty, string id)
    {
        var records = Records(objectType);
        if (idProperty is null || idProperty.Equals(RecordIdProperty, StringComparison.OrdinalIgnoreCase))
            return records.ById.TryGetValue(id, out var byId) && !byId.Archived ? byId : null;
        return records.Index(idProperty).TryGetValue(id, out var recordId) ? records.ById[recordId] : null;
    }

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
        Records(existing.ObjectType).Replace(existing, existing with
        {
            Properties = Merge(existing.Properties, properties),
            UpdatedAt = now,
        });

    public void Archive(HubSpotRecord existing, DateTimeOffset now) =>
        Records(existing.ObjectType).Replace(existing, existing with { Archived = true, UpdatedAt = now });

    private TypeRecords Records(string objectType) =>
        byType.TryGetValue(objectType, out var records) ? records : byType[objectType] = new TypeRecords();

    /// <summary>
    /// One object type's records by id, in creation order, with an index per unique property that has been
    /// looked up (active records only), so a batch costs the same with 100 records stored or a million.
    /// </summary>
    private sealed class TypeRecords
    {
        private readonly List<string> order = [];
        private readonly Dictionary<string, Dictionary<string, string>> indexes = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, HubSpotRecord> ById { get; } = new(StringComparer.Ordinal);

        public IEnumerable<HubSpotRecord> InOrder() => order.Select(id => ById[id]);

        public void Add(HubSpotRecord record)
        {
            order.Add(record.Id);
            ById[record.Id] = record;
            foreach (var (property, index) in indexes) Put(index, record, property);
        }

        public HubSpotRecord Replace(HubSpotRecord existing, HubSpotRecord updated)
        {
            ById[existing.Id] = updated;
            foreach (var (property, index) in indexes)
            {
                if (existing[property] is { } old && index.TryGetValue(old, out var owner) && owner == existing.Id) index.Remove(old);
                Put(index, updated, property);
            }
            return updated;
        }

        public Dictionary<string, string> Index(string property)
        {
            if (indexes.TryGetValue(property, out var index)) return index;
            index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in InOrder()) Put(index, record, property);
            return indexes[property] = index;
        }

        private static void Put(Dictionary<string, string> index, HubSpotRecord record, string property)
        {
            if (!record.Archived && record[property] is { } value) index.TryAdd(value, record.Id);
        }
    }

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
