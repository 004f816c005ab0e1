namespace ReverseEtlDbt.Destinations;

/// <summary>The destination types this build knows: one <see cref="IDestinationFactory"/> each.</summary>
public sealed class DestinationRegistry
{
    private readonly Dictionary<string, IDestinationFactory> factories;

    public DestinationRegistry(IEnumerable<IDestinationFactory> factories) =>
        this.factories = factories.ToDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase);

    /// <remarks>
    /// Listed, not discovered: scanning the assembly's types for factories loaded every type in it and cost each
    /// command about 15 ms of start-up. A test checks that every factory in the assembly is listed.
    /// </remarks>
    public static DestinationRegistry Default { get; } = new(
    [
        new HubSpot.HubSpotDestinationFactory(), new Salesforce.SalesforceDestinationFactory(), new Zendesk.ZendeskDestinationFactory(),
        new MetaAudiences.MetaAudiencesDestinationFactory(), new Postgres.PostgresDestinationFactory(), new Webhook.WebhookDestinationFactory(),
    ]);

    public IEnumerable<string> Types => factories.Keys.Order(StringComparer.Ordinal);

    public IDestinationFactory? Find(string type) => factories.GetValueOrDefault(type);
}
