using System.Globalization;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>
/// Reads dbt-snowflake's keys into a <see cref="SnowflakeProfileTarget"/>. Every authenticator the SQL API can serve is
/// mapped; the interactive ones (browser, MFA, Okta) and proxies are refused by name rather than ignored, since a run
/// that silently authenticates differently from dbt would be a surprise.
/// </summary>
internal sealed class SnowflakeProfileParser(YamlMap output, ProfileRequest request, string profileName, string targetName)
{
    public const string SupportedAuthenticators =
        "key pair (private_key_path or private_key, with authenticator absent or 'snowflake_jwt'), " +
        "'oauth' with token (and optionally oauth_client_id + oauth_client_secret for a refresh token), " +
        "'programmatic_access_token' with token, 'jwt' with token, or a programmatic access token given as password";

    public SnowflakeProfileTarget Parse()
    {
        foreach (var key in new[] { "proxy_host", "proxy_port" })
            if (Optional(key) is not null)
                throw Unsupported(key, $"'{key}' is not supported by retl's Snowflake SQL API client",
                    $"Remove '{key}' from outputs.{targetName}, or point host/port/protocol at a reachable endpoint.");

        var account = Require("account");
        return new SnowflakeProfileTarget
        {
            Account = account,
            User = Optional("user"),
            Role = Optional("role"),
            Database = Require("database"),
            Warehouse = Optional("warehouse"),
            Schema = Require("schema"),
            Credentials = Credentials(),
            BaseAddress = BaseAddress(account),
            QueryTag = Optional("query_tag"),
            ConnectTimeout = Int("connect_timeout") ?? 10,
            ConnectRetries = Int("connect_retries") ?? 1,
            RetryOnDatabaseErrors = Bool("retry_on_database_errors") ?? false,
            RetryAll = Bool("retry_all") ?? false,
            ProfileName = profileName,
            TargetName = targetName,
            ProfilesFile = output.File,
        };
    }

    private SnowflakeCredentials Credentials()
    {
        var authenticator = Optional("authenticator");
        switch (authenticator?.ToLowerInvariant())
        {
            case null or "snowflake" or "snowflake_jwt":
                if (Optional("private_key_path") is { } path)
                    return new SnowflakeCredentials.KeyPair(Path.GetFullPath(path, Path.GetFullPath(request.ProjectDir)), null, Passphrase());
                if (Optional("private_key") is { } key)
                    return new SnowflakeCredentials.KeyPair(null, new Secret(key), Passphrase());
                if (authenticator is not "snowflake_jwt" && Optional("password") is { } password)
                    return new SnowflakeCredentials.ProgrammaticAccessToken(new Secret(password));
                throw Unsupported(authenticator is null ? "private_key_path" : "authenticator",
                    "no credentials the Snowflake SQL API accepts",
                    $"Set private_key_path (or private_key) for key-pair auth. retl supports: {SupportedAuthenticators}.");
            case "oauth":
                var token = RequireToken("oauth");
                return Optional("oauth_client_id") is { } clientId
                    ? new SnowflakeCredentials.OAuthRefreshToken(token, clientId, new Secret(Require("oauth_client_secret")))
                    : new SnowflakeCredentials.OAuthAccessToken(token);
            case "programmatic_access_token":
                return new SnowflakeCredentials.ProgrammaticAccessToken(RequireToken("programmatic_access_token"));
            case "jwt":
                return new SnowflakeCredentials.ExternalJwt(RequireToken("jwt"));
            default:
                throw Unsupported("authenticator", $"authenticator '{authenticator}' is not supported (it needs a browser, MFA or an identity provider)",
                    $"retl supports: {SupportedAuthenticators}.");
        }
    }

    private Secret? Passphrase() => Optional("private_key_passphrase") is { } passphrase ? new Secret(passphrase) : null;

    private Secret RequireToken(string authenticator) =>
        Optional("token") is { } token ? new Secret(token)
        : throw Unsupported("token", $"authenticator '{authenticator}' needs 'token'",
            $"Add 'token:' (e.g. \"{{{{ env_var('SNOWFLAKE_TOKEN') }}}}\") under outputs.{targetName}.");

    private Uri BaseAddress(string account)
    {
        var protocol = Optional("protocol") ?? "https";
        var host = Optional("host") ?? $"{account.Replace('_', '-')}.snowflakecomputing.com";
        try
        {
            return new UriBuilder(protocol, host, Int("port") ?? -1).Uri;
        }
        catch (UriFormatException)
        {
            throw Unsupported("host", $"'{protocol}://{host}' is not a valid endpoint", "Check host, port and protocol.");
        }
    }

    private ConfigException Unsupported(string key, string problem, string hint) =>
        new($"Credentials in profile '{profileName}', target '{targetName}' invalid: {problem} (key '{key}' in {output.File}). {hint}", hint);

    private readonly ProfileKeys keys = new(output, request, profileName, targetName);

    private string? Optional(string key) => keys.Optional(key);
    private string Require(string key) => keys.Require(key);
    private int? Int(string key) => keys.Int(key);
    private bool? Bool(string key) => keys.Bool(key);
    private string Where(string key) => keys.Where(key);
}
