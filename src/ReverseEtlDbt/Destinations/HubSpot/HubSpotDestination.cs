using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations.Http;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Destinations.HubSpot;

/// <summary>
/// Writes a batch through HubSpot's CRM v3 batch endpoints: upsert by the sync's match field (<c>idProperty</c>),
/// update by record id or match field, create with <c>objectWriteTraceId</c> = the row's idempotency key, and
/// archive by record id for both delete policies. One request per batch; the engine sizes batches (≤ 100).
/// </summary>
/// <remarks>
/// Answers: 2xx and 207 per row; a whole-batch 400/409/422 rejects every row with HubSpot's message; 429 and 5xx
/// are transient (retry after <c>Retry-After</c>, else the <c>X-HubSpot-RateLimit-Interval-Milliseconds</c> window),
/// except a 429 for the daily limit (<c>policyName: DAILY</c>), which is fatal: it lasts until midnight;
/// 401/403 raise <see cref="DestinationAuthException"/>; 404 and other refusals of the request itself are fatal.
/// The token is only ever in the <c>Authorization</c> header and is scrubbed from any message HubSpot returns.
/// </remarks>
public sealed class HubSpotDestination(string connectionName, HubSpotOptions options, DestinationContext context) : IDestination
{
    private const string IntervalHeader = "X-HubSpot-RateLimit-Interval-Milliseconds";
    private const string DailyPolicy = "DAILY";

    /// <summary>The largest answer read (a batch answer of 100 records is well under 1 MiB); a larger one fails the batch.</summary>
    public const long MaxAnswerBytes = 8L << 20;
    private readonly string name = $"HubSpot connection '{connectionName}'";

    public async Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        var call = HubSpotCall.For(batch);
        if (call.Inputs.Count == 0) return new BatchResult(call.Settled);

        var path = $"crm/v3/objects/{Uri.EscapeDataString(batch.Sync.Object)}/batch/{call.Endpoint}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.BaseUrl, path))
        {
            Content = new StringContent(call.Body().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token.Reveal());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await DestinationHttp.SendAsync(context.Http, request, name, cancellationToken);
        var text = await DestinationBody.ReadAsync(response, name, MaxAnswerBytes, cancellationToken);
        var body = DestinationJson.Parse(text);
        var detail = Scrub(HubSpotResponseReader.Describe(body));
        if (response.StatusCode == HttpStatusCode.TooManyRequests && HubSpotResponseReader.PolicyName(body) == DailyPolicy)
            throw new DestinationFatalException(
                $"{name}: the account's daily API limit is used up ({detail}). Retrying cannot help before it resets at midnight " +
                "in the account's time zone; acknowledged batches are committed and the rest is sent by the next run. " +
                "Raise the limit (HubSpot's API limit increase) or sync less often.", 429);
        DestinationHttp.ThrowIfRetryableOrAuth(response, name, detail, context.Time.GetUtcNow(), Window(response));

        var rows = response.StatusCode switch
        {
            HttpStatusCode.NoContent => call.Inputs.Select(i => RowOutcome.Ok(i.Row.PrimaryKey, i.Id)).ToList(),
            var s when (int)s is >= 200 and < 300 && !HubSpotResponseReader.IsBatchAnswer(body) =>
                throw DestinationBody.Unreadable(name, (int)s, "batch JSON (results, errors)", text),
            var s when (int)s is >= 200 and < 300 => HubSpotResponseReader.Read(body, call.Inputs)
                .Select(r => r.Reason is null ? r : r with { Reason = Scrub(r.Reason) }).ToList(),
            HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity =>
                call.Inputs.Select(i => RowOutcome.Rejected(i.Row.PrimaryKey, detail)).ToList(),
            var s => throw new DestinationFatalException($"{name}: {(int)s} on {call.Endpoint} of '{batch.Sync.Object}': {detail}", (int)s),
        };
        return new BatchResult([.. call.Settled, .. rows]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static TimeSpan? Window(HttpResponseMessage response) =>
        DestinationHttp.HeaderNumber(response, IntervalHeader) is { } ms and > 0 ? TimeSpan.FromMilliseconds(ms) : null;

    private string Scrub(string text) => Scrubber.ForSecrets(options.Token).Scrub(text);
}
