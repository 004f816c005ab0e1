using System.Text.Json;

namespace ReverseEtlDbt.Emulators.Webhook;

/// <summary>A delivery the receiver accepted and stored (once per <c>webhook-id</c>).</summary>
public sealed record WebhookDelivery(
    string Id,
    long Timestamp,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string? IdempotencyKey,
    JsonElement Body,
    string RawBody,
    DateTimeOffset ReceivedAt);
