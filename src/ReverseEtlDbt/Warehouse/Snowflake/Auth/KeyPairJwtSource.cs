using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse.Snowflake.Auth;

/// <summary>
/// Signs Snowflake's key-pair JWT (RS256). The token lives 59 minutes (Snowflake accepts at most an hour) and is
/// re-signed 5 minutes before it expires, so a long diff never starts a request with a token about to lapse.
/// The key is read on first use, so opening a connection stays free of I/O.
/// </summary>
public sealed class KeyPairJwtSource : ISnowflakeTokenSource, IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(59);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly SnowflakeProfileTarget target;
    private readonly SnowflakeCredentials.KeyPair keyPair;
    private readonly TimeProvider time;
    private RSA? rsa;
    private string? token;
    private DateTimeOffset expires;

    public KeyPairJwtSource(SnowflakeProfileTarget target, SnowflakeCredentials.KeyPair keyPair, TimeProvider time)
    {
        this.target = target;
        this.keyPair = keyPair;
        this.time = time;
        User = target.User is { } user ? user.ToUpperInvariant()
            : throw new ConfigException($"Credentials in {target.Origin} invalid: 'user' is required for key-pair authentication ({target.ProfilesFile})",
                $"Add 'user:' under outputs.{target.TargetName}.");
    }

    public string TokenType => "KEYPAIR_JWT";

    /// <summary>The account as the JWT names it: upper case, without a locator's region/cloud suffix.</summary>
    public string Account => target.Account.Split('.')[0].ToUpperInvariant();

    public string User { get; }

    /// <summary><c>SHA256:&lt;base64&gt;</c> of the public key, as <c>DESCRIBE USER</c> shows in <c>RSA_PUBLIC_KEY_FP</c>.</summary>
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(Key.ExportSubjectPublicKeyInfo()));

    public string WhatToCheck =>
        $"check that the public key with fingerprint {Fingerprint} is registered on user {User} " +
        $"(DESCRIBE USER {User} shows it as RSA_PUBLIC_KEY_FP; set it with ALTER USER {User} SET RSA_PUBLIC_KEY=...) " +
        $"and that account '{target.Account}' is right";

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (token is null || now >= expires - RenewBefore) token = Sign(now);
        return ValueTask.FromResult(token);
    }

    public void Invalidate() => token = null;

    private RSA Key => rsa ??= PrivateKeyLoader.Load(target, keyPair);

    private string Sign(DateTimeOffset now)
    {
        expires = now + Lifetime;
        var subject = $"{Account}.{User}";
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"{subject}.{Fingerprint}",
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            IssuedAt = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            // IdentityModel caches signature providers by the key's thumbprint, across instances: another connection's
            // provider (holding its RSA, disposed with it) would be reused for the same key. Not cached, each signs with its own.
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(Key), SecurityAlgorithms.RsaSha256)
            {
                CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
            },
        });
    }

    public void Dispose() => rsa?.Dispose();
}
