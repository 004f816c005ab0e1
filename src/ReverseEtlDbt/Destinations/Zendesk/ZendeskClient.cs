using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// Sends one Zendesk API call and reads its JSON answer. Throws what the engine handles the same for every call:
/// 401/403 stop the connection (with a hint on which credential to check), 408/429/5xx are transient (retry after
/// <c>Retry-After</c>, else the <c>ratelimit-reset</c> seconds). Everything the caller sees is already scrubbed of secrets.
/// </summary>
internal sealed class ZendeskClient(string name, ZendeskOptions options, DestinationContext context)
{
    /// <summary>The largest answer read (a job status with 100 results is well under 1 MiB); a larger one fails the batch.</summary>
    public const long MaxAnswerBytes = 8L << 20;

    public string Name => name;

    public async Task<ZendeskResponse> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.BaseUrl, pathAndQuery));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        request.Headers.Authorization = options.Credentials.Header();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await DestinationHttp.SendAsync(context.Http, request, name, cancellationToken);
        var text = await DestinationBody.ReadAsync(response, name, MaxAnswerBytes, cancellationToken);
        var json = DestinationJson.Parse(text); // Zendesk documents that errors may come as text/plain
        var detail = options.Credentials.Scrub(ZendeskError.Describe(json, text));
        var status = (int)response.StatusCode;
        if (status is 401 or 403)
            throw new DestinationAuthException(
                $"{name}: {status.ToString(CultureInfo.InvariantCulture)} {detail}".TrimEnd() + ". " + AuthHint(status));
        DestinationHttp.ThrowIfRetryableOrAuth(response, name, detail, context.Time.GetUtcNow(), ResetIn(response));
        return new ZendeskResponse(status, json, detail, text);
    }

    private string AuthHint(int status) => status == 403 && options.Credentials.Kind == "API token"
        ? "Check that the agent behind 'email' may manage users and that bulk import is enabled for the account"
        : options.Credentials.Kind == "API token"
            ? "Check the connection's 'email' (an agent's address) and 'api_token' (active under Admin Center > Apps and integrations > Zendesk API)"
            : "Check the connection's 'oauth_token' (not expired or revoked, with the write scope)";

    private static TimeSpan? ResetIn(HttpResponseMessage response) =>
        DestinationHttp.HeaderNumber(response, "ratelimit-reset") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null;
}

/// <summary>
/// A Zendesk answer that is neither an auth refusal nor transient: its status, JSON body, scrubbed explanation and
/// the body as sent (for <see cref="DestinationBody.Unreadable"/>).
/// </summary>
internal sealed record ZendeskResponse(int Status, JsonElement Body, string Detail, string Text)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
