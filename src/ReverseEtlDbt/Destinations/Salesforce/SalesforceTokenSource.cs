using System.Net;
using System.Text.Json;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations.Http;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// OAuth 2.0 against <c>{login_url}/services/oauth2/token</c>: the refresh token grant when the connection has a
/// <c>refresh_token</c>, else client credentials. Caches one session for every batch of the connection; a batch that
/// meets 401 hands its session back to <see cref="RenewAsync"/>, and concurrent batches holding the same stale session
/// share the one new token instead of each asking for their own.
/// </summary>
/// <remarks>
/// Salesforce's token answer carries no lifetime (sessions end after inactivity), so expiry is only learned from a
/// 401. With refresh token rotation on, the answer carries a new refresh token that replaces the old one in memory
/// (the connections file is never written).
/// </remarks>
internal sealed class SalesforceTokenSource(string name, SalesforceOptions options, DestinationContext context) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private SalesforceSession? current;
    private Secret? refreshToken = options.RefreshToken;

    /// <summary>Every secret this source has handled, for scrubbing text that goes into messages.</summary>
    public IEnumerable<Secret?> Secrets => [options.ClientSecret, options.RefreshToken, refreshToken, current?.AccessToken];

    public async Task<SalesforceSession> GetAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref current) ?? await RenewAsync(null, cancellationToken);

    /// <summary>A session other than <paramref name="stale"/>: the one another batch already renewed, or a new one.</summary>
    public async Task<SalesforceSession> RenewAsync(SalesforceSession? stale, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is not null && !ReferenceEquals(current, stale)) return current;
            var session = await RequestAsync(cancellationToken);
            Volatile.Write(ref current, session);
            return session;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<SalesforceSession> RequestAsync(CancellationToken cancellationToken)
    {
        var grant = refreshToken is null ? "client_credentials" : "refresh_token";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.LoginUrl, "services/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(Form(grant)),
        };
        using var response = await DestinationHttp.SendAsync(context.Http, request, name, cancellationToken);
        var body = await DestinationJson.ReadAsync(response, name, SalesforceApi.MaxJsonAnswerBytes, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new DestinationAuthException(
                $"{name}: the token endpoint {options.LoginUrl}services/oauth2/token refused the {grant} grant " +
                $"({(int)response.StatusCode} {Scrub(DescribeOAuthError(body))}). Check client_id, " +
                (grant == "refresh_token" ? "refresh_token (it may have been revoked or rotated)" : "client_secret") +
                ", and that the connected app allows this flow.");
        DestinationHttp.ThrowIfRetryableOrAuth(response, name + " (token endpoint)", Scrub(DescribeOAuthError(body)), context.Time.GetUtcNow());
        if (!response.IsSuccessStatusCode || DestinationJson.Text(body, "access_token") is not { Length: > 0 } token)
            throw new DestinationFatalException(
                $"{name}: unexpected answer {(int)response.StatusCode} from the token endpoint {options.LoginUrl}services/oauth2/token", (int)response.StatusCode);

        if (grant == "refresh_token" && DestinationJson.Text(body, "refresh_token") is { Length: > 0 } rotated) refreshToken = new Secret(rotated);
        var instance = options.InstanceUrl ?? InstanceFrom(body)
            ?? throw new DestinationFatalException($"{name}: the token answer has no instance_url; set 'instance_url' on the connection");
        return new SalesforceSession(new Secret(token), instance);
    }

    private Dictionary<string, string> Form(string grant)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grant, ["client_id"] = options.ClientId };
        if (options.ClientSecret is { } secret) form["client_secret"] = secret.Reveal();
        if (refreshToken is { } refresh) form["refresh_token"] = refresh.Reveal();
        return form;
    }

    private static Uri? InstanceFrom(JsonElement body) =>
        DestinationJson.Text(body, "instance_url") is { } text && Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;

    private static string DescribeOAuthError(JsonElement body) =>
        (DestinationJson.Text(body, "error"), DestinationJson.Text(body, "error_description")) switch
        {
            ({ } error, { } description) => $"{error}: {description}",
            ({ } error, null) => error,
            _ => SalesforceJson.DescribeErrors(body),
        };

    private string Scrub(string text) => Scrubber.ForSecrets(Secrets).Scrub(text);
}
