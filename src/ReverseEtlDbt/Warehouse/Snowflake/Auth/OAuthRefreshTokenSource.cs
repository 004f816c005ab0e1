using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Data;

namespace ReverseEtlDbt.Warehouse.Snowflake.Auth;

/// <summary>
/// Exchanges dbt-snowflake's OAuth refresh token for an access token at <c>&lt;base&gt;/oauth/token-request</c>
/// (HTTP Basic client auth, <c>grant_type=refresh_token</c>), as the adapter does, and keeps it until a minute
/// before <c>expires_in</c> says it lapses.
/// </summary>
public sealed class OAuthRefreshTokenSource(
    SnowflakeProfileTarget target, SnowflakeCredentials.OAuthRefreshToken credentials, HttpClient http, TimeProvider time) : ISnowflakeTokenSource
{
    private string? token;
    private DateTimeOffset expires;

    public string TokenType => "OAUTH";

    public string WhatToCheck =>
        $"the refresh token may be expired or revoked, or oauth_client_id '{credentials.ClientId}' may not belong to the security integration; issue a new refresh token";

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (token is not null && time.GetUtcNow() < expires) return token;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.BaseAddress, "/oauth/token-request"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = credentials.RefreshToken.Reveal(),
            }),
        };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.ClientId}:{credentials.ClientSecret.Reveal()}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new SnowflakeException(
                $"Snowflake refused the OAuth refresh token for user '{target.User}' ({target.Origin}): " +
                $"{(int)response.StatusCode} from /oauth/token-request; {WhatToCheck}.");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json.RootElement;
        token = root.GetProperty("access_token").GetString();
        var lifetime = root.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s) ? s : 600;
        expires = time.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 60));
        return token!;
    }

    public void Invalidate() => token = null;
}
