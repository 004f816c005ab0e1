using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>
/// A <c>type: snowflake</c> target, with dbt-snowflake's keys. It carries where it came from (profile, target, file)
/// because the connector's auth errors happen long after parsing and must still say which profile to fix.
/// </summary>
public sealed record SnowflakeProfileTarget : ProfileTarget
{
    public override string Type => "snowflake";

    /// <summary>The account identifier as written (<c>abc123.eu-west-1</c>, <c>org-account</c>).</summary>
    public required string Account { get; init; }
    /// <summary>Login name; optional for token authenticators.</summary>
    public string? User { get; init; }
    public string? Role { get; init; }
    public required string Database { get; init; }
    public string? Warehouse { get; init; }
    public required SnowflakeCredentials Credentials { get; init; }
    /// <summary>The SQL API's base address: dbt's <c>protocol</c>/<c>host</c>/<c>port</c>, else <c>https://&lt;account&gt;.snowflakecomputing.com</c>.</summary>
    public required Uri BaseAddress { get; init; }
    /// <summary>dbt's <c>query_tag</c>: the default <c>QUERY_TAG</c> when the caller sets none.</summary>
    public string? QueryTag { get; init; }
    /// <summary>dbt-snowflake: seconds to wait between failed connection retries (default 10); here the longest backoff.</summary>
    public int ConnectTimeout { get; init; } = 10;
    /// <summary>dbt-snowflake's retry count; retl never retries transient HTTP answers fewer than 3 times.</summary>
    public int ConnectRetries { get; init; } = 1;
    /// <summary>Accepted for dbt compatibility: a SQL error (422) is an answer, resubmitting it gives the same answer.</summary>
    public bool RetryOnDatabaseErrors { get; init; }
    /// <summary>Accepted for dbt compatibility, as <see cref="RetryOnDatabaseErrors"/>.</summary>
    public bool RetryAll { get; init; }

    public string ProfileName { get; init; } = "";
    public string TargetName { get; init; } = "";
    public string ProfilesFile { get; init; } = "";

    /// <summary>"profile 'p', target 't'": how errors name this target.</summary>
    public string Origin => $"profile '{ProfileName}', target '{TargetName}'";
}

/// <summary>How the SQL API is authenticated (dbt-snowflake's <c>authenticator</c> and its keys). Secrets stay in <see cref="Secret"/>.</summary>
public abstract record SnowflakeCredentials
{
    /// <summary>Key-pair JWT (<c>private_key_path</c> or <c>private_key</c>), signed by retl.</summary>
    public sealed record KeyPair(string? PrivateKeyPath, Secret? PrivateKey, Secret? Passphrase) : SnowflakeCredentials;

    /// <summary>An OAuth access token used as given (<c>authenticator: oauth</c> + <c>token</c>).</summary>
    public sealed record OAuthAccessToken(Secret Token) : SnowflakeCredentials;

    /// <summary>An OAuth refresh token exchanged at <c>/oauth/token-request</c> with the integration's client id and secret.</summary>
    public sealed record OAuthRefreshToken(Secret RefreshToken, string ClientId, Secret ClientSecret) : SnowflakeCredentials;

    /// <summary>A programmatic access token (<c>authenticator: programmatic_access_token</c>, or a bare <c>password</c>).</summary>
    public sealed record ProgrammaticAccessToken(Secret Token) : SnowflakeCredentials;

    /// <summary>A key-pair JWT signed elsewhere (<c>authenticator: jwt</c> + <c>token</c>), sent as given.</summary>
    public sealed record ExternalJwt(Secret Token) : SnowflakeCredentials;
}
