using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>
/// The HubSpot CRM v3 emulator's state: what it was told (records per object type), what it was asked
/// (the request log) and how it should behave next (<see cref="Emulator{TOptions, TRequest}.Options"/>,
/// <see cref="Emulator{TOptions, TRequest}.Faults"/>). Routes: <c>/crm/v3/objects/{objectType}/batch/{upsert|update|create|archive|read}</c>.
/// </summary>
public sealed class HubSpotEmulator : Emulator<HubSpotEmulatorOptions, HubSpotRequest>
{
    private readonly HubSpotStore store = new();

    internal HubSpotEmulator(HubSpotEmulatorOptions options, EmulatorFaults faults, TimeProvider time)
        : base(options, faults, time)
    {
        Limiter = new HubSpotRateLimiter(options, time);
        Processor = new HubSpotBatchProcessor(store, options, time);
    }

    public override int ListingOrder => 10;

    public override void Map(IEndpointRouteBuilder routes) => routes.MapHubSpot(this);

    public override string Describe(Uri baseUrl) => $"HubSpot emulator: {baseUrl} (token: {Options.ValidToken})";

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
}
