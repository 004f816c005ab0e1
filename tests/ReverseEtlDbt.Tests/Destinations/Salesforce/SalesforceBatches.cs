using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.Salesforce;
using ReverseEtlDbt.Emulators;

namespace ReverseEtlDbt.Tests.Destinations.Salesforce;

/// <summary>Contacts synced by an external id field, and a Salesforce destination pointed at an emulator.</summary>
internal static class SalesforceBatches
{
    public const string ClientId = "3MVG9-test-consumer-key";
    public const string ClientSecret = "sf-secret-5c1b7e0d9a";
    public const string RefreshToken = "5Aep861-refresh-0f3e9b";
    public const string ExternalId = "Customer_Id__c";

    public static EmulatorOptions Options(TimeProvider? time = null) => new()
    {
        Time = time ?? TimeProvider.System,
        Salesforce = { ClientId = ClientId, ClientSecret = ClientSecret, RefreshToken = RefreshToken },
    };

    /// <summary>A destination on the emulator; <paramref name="keys"/> adds or overrides connection keys (null removes one).</summary>
    public static IDestination Destination(EmulatorHost host, IReadOnlyDictionary<string, string?>? keys = null,
        TimeProvider? time = null, TimeSpan? maxWait = null) =>
        DestinationBatches.Create(new SalesforceDestinationFactory(), Connection(host, keys), time, maxWait);

    public static ConnectionConfig Connection(EmulatorHost host, IReadOnlyDictionary<string, string?>? keys = null)
    {
        var values = new Dictionary<string, object?>
        {
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["base_url"] = host.BaseUrl.ToString(),
        };
        foreach (var (key, value) in keys ?? new Dictionary<string, string?>())
            if (value is null) values.Remove(key);
            else values[key] = value;
        return DestinationBatches.Connection("crm", "salesforce", values);
    }

    public static DestinationSync Contacts(SyncMode mode = SyncMode.Upsert) =>
        DestinationBatches.Customers("customers__crm__Contact", "crm", "Contact", mode, new MatchSpec("customer_id", ExternalId));

    public static RecordChange Row(int n, string? email = null, string? destinationId = null) => DestinationBatches.Row(n,
        $"C-{n}",
        new Dictionary<string, object?> { ["LastName"] = $"User {n}", ["Email"] = email ?? $"user{n}@example.com", ["Score__c"] = n },
        destinationId);

    public static DestinationBatch Batch(WriteOperation operation, IEnumerable<RecordChange> rows, SyncMode mode = SyncMode.Upsert) =>
        DestinationBatches.Batch(Contacts(mode), operation, rows);

    public static Task<BatchResult> WriteAsync(this IDestination destination, WriteOperation operation, params RecordChange[] rows) =>
        destination.WriteAsync(Batch(operation, rows), CancellationToken.None);
}
