using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations.Http;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// Authorised REST calls to the org (<c>services/data/v{api_version}/…</c>). A 401 renews the session once and
/// re-sends the same request; only a second 401 is an auth failure. Answers 2xx and 400 are returned for the
/// caller to map per row; everything else becomes the engine's exceptions.
/// </summary>
/// <remarks>
/// Throttling: the core REST API documents no 429 and no <c>Retry-After</c>; an exhausted daily allocation is
/// 403 <c>REQUEST_LIMIT_EXCEEDED</c>, which is transient here and waited out for <c>Retry-After</c> when sent,
/// else <see cref="LimitBackoff"/> (not hot-retried). 429, 408 and 5xx are transient as for every destination.
/// </remarks>
internal sealed class SalesforceApi(string name, SalesforceOptions options, DestinationContext context) : IDisposable
{
    public const string LimitExceeded = "REQUEST_LIMIT_EXCEEDED";
    public static readonly TimeSpan LimitBackoff = TimeSpan.FromSeconds(60);

    /// <summary>The largest JSON answer read (200 records' results are well under 1 MiB); a larger one fails the batch.</summary>
    public const long MaxJsonAnswerBytes = 8L << 20;

    /// <summary>The largest Bulk API result CSV read (10,000 records echoed with their fields); a larger one fails the batch.</summary>
    public const long MaxCsvAnswerBytes = 64L << 20;

    private readonly SalesforceTokenSource tokens = new(name, options, context);

    /// <summary>"Salesforce connection 'name'", for messages.</summary>
    public string Name => name;

    public Task<SalesforceAnswer> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, body is null ? null : () => new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            "application/json", cancellationToken);

    /// <param name="content">Builds the body afresh for each attempt (a renewed session re-sends it).</param>
    /// <param name="accept">What the answer should be: JSON, or <c>text/csv</c> for Bulk results.</param>
    public async Task<SalesforceAnswer> SendAsync(
        HttpMethod method, string path, Func<HttpContent>? content, string accept, CancellationToken cancellationToken)
    {
        var call = new Call(method, path, content, accept);
        var session = await tokens.GetAsync(cancellationToken);
        var answer = await TrySendAsync(call, session, lastTry: false, cancellationToken);
        if (answer is not null) return answer;
        session = await tokens.RenewAsync(session, cancellationToken);
        return (await TrySendAsync(call, session, lastTry: true, cancellationToken))!;
    }

    /// <summary><paramref name="text"/> with every credential this connection handled replaced by <c>*****</c>.</summary>
    public string Scrub(string text) => Scrubber.ForSecrets(tokens.Secrets).Scrub(text);

    public void Dispose() => tokens.Dispose();

    /// <returns>Null when the session expired and <paramref name="lastTry"/> is false: renew and call again.</returns>
    private async Task<SalesforceAnswer?> TrySendAsync(Call call, SalesforceSession session, bool lastTry, CancellationToken cancellationToken)
    {
        var (method, path, content, accept) = call;
        var url = new Uri(session.InstanceUrl, $"services/data/v{options.ApiVersion}/{path}");
        using var request = new HttpRequestMessage(method, url);
        request.Content = content?.Invoke();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken.Reveal());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var response = await DestinationHttp.SendAsync(context.Http, request, name, cancellationToken);
        var text = await DestinationBody.ReadAsync(response, name, accept == "text/csv" ? MaxCsvAnswerBytes : MaxJsonAnswerBytes, cancellationToken);
        var json = DestinationJson.Parse(text);
        if (response.StatusCode == HttpStatusCode.Unauthorized && !lastTry) return null;
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest) return new SalesforceAnswer(status, json, text);

        var detail = Scrub(SalesforceJson.DescribeErrors(json));
        if (SalesforceJson.FirstCode(json) == LimitExceeded)
            throw new DestinationTransientException(
                $"{name}: {status} {detail} (Sforce-Limit-Info: {LimitInfo(response)}); waiting before retrying",
                DestinationHttp.RetryAfter(response, context.Time.GetUtcNow()) ?? (status == 403 ? LimitBackoff : null), status);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            detail += " (refused again with a newly issued access token: check the integration user and the connected app's session policy)";
        DestinationHttp.ThrowIfRetryableOrAuth(response, name, detail, context.Time.GetUtcNow());
        throw new DestinationFatalException(
            $"{name}: {status} on {method} {url.AbsolutePath}: {detail}" +
            (status == 404 ? ". Check the sync's object (sObject API name) and the connection's api_version." : ""), status);
    }

    private sealed record Call(HttpMethod Method, string Path, Func<HttpContent>? Content, string Accept);

    private static string LimitInfo(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Sforce-Limit-Info", out var values) ? string.Join(",", values) : "not sent";
}

/// <summary>A 2xx or 400 answer of the REST API, for the caller to read per record: as JSON, or as <see cref="Text"/> (CSV).</summary>
internal sealed record SalesforceAnswer(int Status, JsonElement Body, string Text)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
