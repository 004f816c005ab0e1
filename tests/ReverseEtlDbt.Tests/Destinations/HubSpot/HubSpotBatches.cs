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

    public static IDestination Destination(EmulatorHost host, string token = Token) =>
        DestinationBatches.Create(new HubSpotDestinationFactory(), DestinationBatches.Connection("crm", "hubspot",
            new Dictionary<string, object?> { ["token"] = token, ["base_url"] = host.BaseUrl.ToString() }));

    public static DestinationSync Contacts(SyncMode mode = SyncMode.Upsert) =>
        DestinationBatches.Customers("customers__crm__contacts", "crm", "contacts", mode, new MatchSpec("email", "email"));

    public static RecordChange Row(int n, string? email = null, string? destinationId = null) => DestinationBatches.Row(n,
        email ?? $"user{n}@example.com",
        new Dictionary<string, object?> { ["firstname"] = $"User {n}", ["lifecyclestage"] = "customer" },
        destinationId);

    public static DestinationBatch Batch(WriteOperation operation, IEnumerable<RecordChange> rows, SyncMode mode = SyncMode.Upsert) =>
        DestinationBatches.Batch(Contacts(mode), operation, rows);
}
