using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>
/// The HubSpot CRM v3 emulator's state: what it was told (records per object type), what it was asked
/// (the request log) and how it should behave next (<see cref="Options"/>, <see cref="Faults"/>).
/// </summary>
public sealed class HubSpotEmulator
{
    private readonly HubSpotStore store = new();
    private readonly Lock logGate = new();
    private readonly List<HubSpotRequest> log = [];

    internal HubSpotEmulator(HubSpotEmulatorOptions options, EmulatorFaults faults, TimeProvider time)
    {
        Options = options;
        Faults = faults;
        Time = time;
        Limiter = new HubSpotRateLimiter(options, time);
        Processor = new HubSpotBatchProcessor(store, options, time);
    }

    public HubSpotEmulatorOptions Options { get; }
    public EmulatorFaults Faults { get; }

    internal TimeProvider Time { get; }
    internal HubSpotRateLimiter Limiter { get; }
    internal HubSpotBatchProcessor Processor { get; }

    /// <summary>Active (not archived) records of an object type, in creation order.</summary>
    public IReadOnlyList<HubSpotRecord> Records(string objectType) => store.Active(objectType);

    /// <summary>Every record ever written, archived ones included.</summary>
    public IReadOnlyList<HubSpotRecord> AllRecords() => store.All();

    /// <summary>An active record by a property value (<c>hs_object_id</c> finds by record id).</summary>
    public HubSpotRecord? FindRecord(string objectType, string property, string value)
    {
        lock (store.Gate) return store.Find(objectType, property, value);
    }

    /// <summary>Adds a record as if created earlier, e.g. to test update or archive.</summary>
    public HubSpotRecord Seed(string objectType, IReadOnlyDictionary<string, string> properties)
    {
        lock (store.Gate) return store.Create(objectType, properties, Time.GetUtcNow());
    }

    public IReadOnlyList<HubSpotRequest> Requests
    {
        get { lock (logGate) return log.ToList(); }
    }

    public int CountRequests(int? status = null)
    {
        lock (logGate) return status is null ? log.Count : log.Count(r => r.Status == status);
    }

    internal void Record(HubSpotRequest request)
    {
        lock (logGate) log.Add(request);
    }
}
