using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.HubSpot;
using ReverseEtlDbt.Emulators;

namespace ReverseEtlDbt.Tests.Destinations.HubSpot;

/// <summary>Contacts synced by email, and a HubSpot destination pointed at an emulator.</summary>
internal static class HubSpotBatches
{
    public const string Token = "pat-na1-test-token-0123456789";

    public static EmulatorOptions Options() => new() { HubSpot = { ValidToken = Token } };

    /// <summary>One client for all tests, as the engine shares one per run.</summary>
    public static HttpClient Http { get; } = new();

    public static IDestination Destination(EmulatorHost host, string token = Token) =>
        new HubSpotDestinationFactory().Create(
            new ConnectionConfig("crm", "hubspot",
                new Dictionary<string, object?> { ["token"] = token, ["base_url"] = host.BaseUrl.ToString() }, _ => null),
            new DestinationContext(Http, TimeProvider.System));

    public static DestinationSync Contacts(SyncMode mode = SyncMode.Upsert) => new()
    {
        Id = "customers__crm__contacts",
        ModelUniqueId = "model.shop.customers",
        ModelName = "customers",
        PrimaryKey = "customer_id",
        Connection = "crm",
        Object = "contacts",
        Mode = mode,
        Match = new MatchSpec("email", "email"),
    };

    public static RecordChange Row(int n, string? email = null, string? destinationId = null) => new(
        n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        email ?? $"user{n}@example.com",
        new Dictionary<string, object?> { ["firstname"] = $"User {n}", ["lifecyclestage"] = "customer" },
        destinationId,
        $"idem-{n}");

    public static DestinationBatch Batch(WriteOperation operation, IEnumerable<RecordChange> rows, SyncMode mode = SyncMode.Upsert)
    {
        var changes = rows.ToList();
        return new DestinationBatch(Contacts(mode), operation, changes)
        {
            BatchKey = "b" + string.Join(",", changes.Select(c => c.IdempotencyKey)).GetHashCode(StringComparison.Ordinal),
        };
    }
}
