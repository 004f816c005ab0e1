using System.Globalization;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Tests.Destinations;

/// <summary>
/// What the HTTP destinations' test batches share: one client, a destination made from connection keys, a sync of
/// the shop's customers model, and a batch keyed by its rows. Each destination's folder keeps its own keys, objects
/// and rows (<c>HubSpotBatches</c>, <c>SalesforceBatches</c>, <c>ZendeskBatches</c>, <c>MetaAudienceBatches</c>).
/// </summary>
internal static class DestinationBatches
{
    /// <summary>One client for all tests, as the engine shares one per run.</summary>
    public static HttpClient Http { get; } = new();

    public static ConnectionConfig Connection(string name, string type, Dictionary<string, object?> values) =>
        new(name, type, values, _ => null);

    /// <param name="maxWait">The connection's <c>max_retry_wait</c> as the engine hands it over (its default when null).</param>
    public static IDestination Create(IDestinationFactory factory, ConnectionConfig connection, TimeProvider? time = null, TimeSpan? maxWait = null) =>
        factory.Create(connection, new DestinationContext(Http, time ?? TimeProvider.System) { MaxWait = maxWait ?? ConnectionSettings.DefaultMaxRetryWait });

    /// <summary>A sync of <c>model.shop.customers</c> (primary key <c>customer_id</c>) to <paramref name="object"/>.</summary>
    public static DestinationSync Customers(string id, string connection, string @object, SyncMode mode, MatchSpec match) => new()
    {
        Id = id,
        ModelUniqueId = "model.shop.customers",
        ModelName = "customers",
        PrimaryKey = "customer_id",
        Connection = connection,
        Object = @object,
        Mode = mode,
        Match = match,
    };

    /// <summary>Customer <paramref name="n"/>: primary key <c>n</c>, idempotency key <c>idem-n</c>.</summary>
    public static RecordChange Row(int n, string? matchValue, Dictionary<string, object?> fields, string? destinationId) =>
        new(n.ToString(CultureInfo.InvariantCulture), matchValue, fields, destinationId, $"idem-{n}");

    /// <summary>A batch of <paramref name="rows"/>, its key made of the operation and the rows' idempotency keys.</summary>
    public static DestinationBatch Batch(DestinationSync sync, WriteOperation operation, IEnumerable<RecordChange> rows)
    {
        var changes = rows.ToList();
        return new DestinationBatch(sync, operation, changes)
        {
            BatchKey = operation + ":" + string.Join(",", changes.Select(c => c.IdempotencyKey)),
        };
    }
}
