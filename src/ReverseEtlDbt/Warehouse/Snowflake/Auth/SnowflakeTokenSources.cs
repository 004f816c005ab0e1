using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse.Snowflake.Auth;

/// <summary>Picks the token source for a profile's <see cref="SnowflakeCredentials"/>.</summary>
public static class SnowflakeTokenSources
{
    public static ISnowflakeTokenSource For(SnowflakeProfileTarget target, HttpClient http, TimeProvider time) =>
        target.Credentials switch
        {
            SnowflakeCredentials.KeyPair keyPair => new KeyPairJwtSource(target, keyPair, time),
            SnowflakeCredentials.OAuthRefreshToken refresh => new OAuthRefreshTokenSource(target, refresh, http, time),
            SnowflakeCredentials.OAuthAccessToken oauth => new StaticTokenSource(oauth.Token, "OAUTH",
                "the OAuth access token may be expired or issued for another account or role; get a new one, or configure oauth_client_id and oauth_client_secret so retl can refresh it"),
            SnowflakeCredentials.ProgrammaticAccessToken pat => new StaticTokenSource(pat.Token, "PROGRAMMATIC_ACCESS_TOKEN",
                "the programmatic access token may be expired or revoked, or the user may not be covered by a network policy (SHOW USER PROGRAMMATIC ACCESS TOKENS)"),
            SnowflakeCredentials.ExternalJwt jwt => new StaticTokenSource(jwt.Token, "KEYPAIR_JWT",
                "the JWT given as token may be expired, or signed with a key whose fingerprint is not registered on the user (DESCRIBE USER shows RSA_PUBLIC_KEY_FP)"),
            _ => throw new NotSupportedException($"No token source for {target.Credentials.GetType().Name}"),
        };
}
