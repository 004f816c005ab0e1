using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.HubSpot;

/// <summary>
/// The <c>hubspot</c> connection type: CRM v3 object batch endpoints (upsert, update, create, archive).
/// </summary>
/// <remarks>
/// Documented burst limit per app, per 10 s: Free/Starter 100, Professional and Enterprise 190, with the API
/// Limit Increase 250 (daily: 250k / 625k / 1M per account). We declare the lowest, 100 per 10 s; a connection on
/// a higher tier raises it with <c>rate_limit: {requests: 190, per_seconds: 10}</c>.
/// </remarks>
public sealed class HubSpotDestinationFactory : IDestinationFactory
{
    public string Type => "hubspot";

    public DestinationCapabilities Capabilities { get; } = new()
    {
        Modes = new HashSet<SyncMode> { SyncMode.Upsert, SyncMode.Update, SyncMode.Insert, SyncMode.Mirror },
        MaxBatchSize = 100,
        DocumentedRateLimit = new RateLimit(100, TimeSpan.FromSeconds(10)),
        DeletePolicies = new HashSet<DeletePolicy> { DeletePolicy.Delete, DeletePolicy.Archive },
        RequiresMatch = true,
    };

    public IReadOnlySet<string> Keys { get; } = new HashSet<string> { "token", "base_url" };

    public IReadOnlySet<string> SecretKeys { get; } = new HashSet<string> { "token" };

    public IReadOnlySet<string> RequiredKeys { get; } = new HashSet<string> { "token" };

    public IDestination Create(ConnectionConfig connection, DestinationContext context) =>
        new HubSpotDestination(connection.Name, HubSpotOptions.From(connection), context);
}
