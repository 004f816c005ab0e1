using System.Text.RegularExpressions;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>A <c>zendesk</c> connection, read once from the connections file.</summary>
/// <param name="PollInterval">The first wait before polling a job; later waits double, up to <see cref="MaxPollInterval"/>.</param>
/// <param name="JobTimeout">How long one batch waits for its job before giving up (the engine then retries the batch).</param>
public sealed partial record ZendeskOptions(Uri BaseUrl, ZendeskCredentials Credentials, TimeSpan PollInterval, TimeSpan JobTimeout)
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(5);
    /// <summary>Below the engine's default 60 s request timeout, so the destination's own, clearer message wins.</summary>
    public static readonly TimeSpan DefaultJobTimeout = TimeSpan.FromSeconds(50);

    public static ZendeskOptions From(ConnectionConfig connection) => new(
        BaseUrlOf(connection),
        CredentialsOf(connection),
        Seconds(connection, "job_poll_seconds") ?? DefaultPollInterval,
        Seconds(connection, "job_timeout_seconds") ?? DefaultJobTimeout);

    private static Uri BaseUrlOf(ConnectionConfig connection)
    {
        var subdomain = connection.GetString("subdomain");
        var baseUrl = connection.GetString("base_url");
        if (baseUrl is { Length: > 0 })
        {
            if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new ConfigException($"connection '{connection.Name}' key 'base_url' must be an http(s) URL, got '{baseUrl}'",
                    "For Zendesk Cloud give `subdomain: yourcompany` instead.");
            return uri;
        }
        if (subdomain is not { Length: > 0 })
            throw new ConfigException($"connection '{connection.Name}' (type zendesk) needs 'subdomain' or 'base_url'",
                $"Add `subdomain: yourcompany` to connection '{connection.Name}' (for https://yourcompany.zendesk.com).");
        if (!SubdomainPattern().IsMatch(subdomain))
            throw new ConfigException($"connection '{connection.Name}' key 'subdomain' must be the part before .zendesk.com, got '{subdomain}'",
                "For https://yourcompany.zendesk.com write `subdomain: yourcompany`.");
        return new Uri($"https://{subdomain.ToLowerInvariant()}.zendesk.com/");
    }

    private static ZendeskCredentials CredentialsOf(ConnectionConfig connection)
    {
        var hasOAuth = connection.Has("oauth_token");
        var hasToken = connection.Has("api_token") || connection.Has("email");
        if (hasOAuth && hasToken)
            throw new ConfigException($"connection '{connection.Name}' has both 'oauth_token' and 'email'/'api_token'",
                "Keep one way to sign in: `oauth_token`, or `email` + `api_token`.");
        if (hasOAuth) return ZendeskCredentials.OAuth(connection.RequireSecret("oauth_token"));
        if (!hasToken)
            throw new ConfigException($"connection '{connection.Name}' (type zendesk) has no credentials",
                "Add `email:` and `api_token: \"{{ env_var('ZENDESK_API_TOKEN') }}\"`, or `oauth_token:`.");
        return ZendeskCredentials.ApiToken(connection.RequireString("email"), connection.RequireSecret("api_token"));
    }

    private static TimeSpan? Seconds(ConnectionConfig connection, string key) => connection.GetDouble(key) switch
    {
        null => null,
        > 0 and <= 3600 and var seconds => TimeSpan.FromSeconds(seconds),
        var seconds => throw new ConfigException(
            $"connection '{connection.Name}' key '{key}' must be a number of seconds above 0 and at most 3600, got {seconds}"),
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]*$")]
    private static partial Regex SubdomainPattern();
}
