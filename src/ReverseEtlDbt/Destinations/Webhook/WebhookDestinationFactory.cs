using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Webhook;

/// <summary>
/// The <c>webhook</c> connection type: JSON batches POSTed to a URL, signed per Standard Webhooks, with an
/// <c>Idempotency-Key</c>. A webhook is the user's own endpoint, so no rate limit is documented: we declare
/// 10 requests per second as a polite default, and <c>rate_limit</c> changes it per connection.
/// </summary>
public sealed class WebhookDestinationFactory : IDestinationFactory
{
    public string Type => "webhook";

    public DestinationCapabilities Capabilities { get; } = new()
    {
        Modes = new HashSet<SyncMode> { SyncMode.Upsert, SyncMode.Update, SyncMode.Insert, SyncMode.Mirror },
        MaxBatchSize = WebhookOptions.DefaultBatchSize,
        DocumentedRateLimit = new RateLimit(10, TimeSpan.FromSeconds(1)),
        DeletePolicies = new HashSet<DeletePolicy> { DeletePolicy.Delete, DeletePolicy.Archive },
        RequiresMatch = false,
    };

    public IReadOnlySet<string> Keys { get; } = new HashSet<string> { "url", "secret", "batch_size", "headers" };

    public IReadOnlySet<string> SecretKeys { get; } = new HashSet<string> { "secret" };

    public IReadOnlySet<string> RequiredKeys { get; } = new HashSet<string> { "url" };

    /// <summary>The connection's <c>batch_size</c>, else <see cref="WebhookOptions.DefaultBatchSize"/>.</summary>
    public int BatchSizeFor(ConnectionConfig connection) => WebhookOptions.BatchSizeOf(connection);

    public IEnumerable<Secret> Secrets(ConnectionConfig connection) => WebhookOptions.From(connection).Secrets();

    public IDestination Create(ConnectionConfig connection, DestinationContext context) =>
        new WebhookDestination(connection.Name, WebhookOptions.From(connection), context);
}
