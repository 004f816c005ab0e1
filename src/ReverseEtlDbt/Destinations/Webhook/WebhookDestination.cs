using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Webhook;

/// <summary>
/// Delivers each batch as one signed POST (body: see <c>WebhookPayload</c>, the same bytes on every retry). Headers: <c>webhook-id</c> =
/// <c>msg_</c> + batch key and <c>Idempotency-Key</c> = the batch key (both stable across retries),
/// <c>webhook-timestamp</c> = this attempt, <c>webhook-signature</c> = <c>v1,</c> HMAC when a secret is set.
/// </summary>
/// <remarks>
/// Answers, per Standard Webhooks: 2xx acknowledges every row; 408, 429 and 5xx (and timeouts, dropped
/// connections) are transient, honouring <c>Retry-After</c>; 401/403 stop the connection; 410 Gone is fatal (the
/// receiver asks to be disabled); a redirect is fatal (not followed); any other 4xx rejects every row of the batch.
/// </remarks>
public sealed class WebhookDestination(string connectionName, WebhookOptions options, DestinationContext context) : IDestination
{
    /// <summary>How much of a receiver's answer is read: enough for the snippet a report shows.</summary>
    public const int AnswerReadBytes = 64 << 10;

    private readonly string name = $"webhook connection '{connectionName}'";
    private readonly byte[]? key = options.Secret is { } secret && WebhookSigner.TryDecodeSecret(secret, out var k) ? k : null;

    public async Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Serialize(batch);
        using var request = Request(batch.BatchKey, body);
        using var response = await DestinationHttp.SendAsync(context.Http, request, name, cancellationToken);
        var detail = await DetailAsync(response, cancellationToken);
        DestinationHttp.ThrowIfRetryableOrAuth(response, name, detail, context.Time.GetUtcNow());

        var status = (int)response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => new BatchResult(batch.Changes.Select(c => RowOutcome.Ok(c.PrimaryKey)).ToList()),
            (int)HttpStatusCode.Gone => throw new DestinationFatalException($"{name}: 410 Gone, the receiver asks to stop deliveries. {detail}".TrimEnd(), status),
            < 400 => throw new DestinationFatalException($"{name}: {status} redirect is not followed; set 'url' to the final address.", status),
            _ => new BatchResult(batch.Changes.Select(c => RowOutcome.Rejected(c.PrimaryKey, $"HTTP {status} {detail}".TrimEnd())).ToList()),
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private HttpRequestMessage Request(string batchKey, byte[] body)
    {
        var id = "msg_" + batchKey.Replace('.', '_');
        var timestamp = context.Time.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (header, value) in options.Headers) request.Headers.TryAddWithoutValidation(header, value.Reveal());
        Set(request, "webhook-id", id);
        Set(request, "webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        if (key is not null) Set(request, "webhook-signature", WebhookSigner.Sign(key, id, timestamp, body));
        // A Structured Field string, as the IETF Idempotency-Key draft specifies.
        Set(request, "Idempotency-Key", $"\"{batchKey}\"");
        return request;
    }

    private static void Set(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, value);
    }

    /// <summary>
    /// The start of the receiver's answer, for the report (receivers' bodies are theirs to shape): only its first
    /// <see cref="AnswerReadBytes"/> are read, so a receiver answering at length costs nothing and is no error.
    /// </summary>
    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await DestinationBody.ReadStartAsync(response, AnswerReadBytes, cancellationToken);
        text = text.ReplaceLineEndings(" ").Trim();
        return DestinationHttp.Snippet(text);
    }
}
