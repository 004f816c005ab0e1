using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// The SQL API's authentication: <c>Authorization: Bearer</c> plus <c>X-Snowflake-Authorization-Token-Type</c>
/// (KEYPAIR_JWT, OAUTH or PROGRAMMATIC_ACCESS_TOKEN). A key-pair JWT is checked as Snowflake documents it when a
/// public key is configured: RS256 over the configured key, <c>iss</c> = <c>ACCOUNT.USER.SHA256:&lt;fingerprint&gt;</c>,
/// <c>sub</c> = <c>ACCOUNT.USER</c>, <c>exp</c> in the future and at most an hour after <c>iat</c>.
/// </summary>
internal static class SnowflakeAuthenticator
{
    public const string TokenTypeHeader = "X-Snowflake-Authorization-Token-Type";

    private static readonly JsonObject InvalidJwt = SnowflakeJson.Error("390144", "JWT token is invalid.");

    /// <summary><c>null</c> when the request may go on; else the 401 body.</summary>
    public static JsonObject? Check(HttpRequest request, SnowflakeEmulatorOptions options, DateTimeOffset now)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return SnowflakeJson.Error("390101", "Authorization header is missing or is not a Bearer token.");
        var token = header["Bearer ".Length..].Trim();
        return request.Headers[TokenTypeHeader].ToString() switch
        {
            "KEYPAIR_JWT" => ValidJwt(token, options, now) ? null : InvalidJwt,
            "OAUTH" => token == options.OAuthToken ? null : SnowflakeJson.Error("390303", "Invalid OAuth access token."),
            "PROGRAMMATIC_ACCESS_TOKEN" => token == options.ProgrammaticAccessToken ? null
                : SnowflakeJson.Error("390303", "Invalid programmatic access token."),
            _ => SnowflakeJson.Error("390101", $"{TokenTypeHeader} must be KEYPAIR_JWT, OAUTH or PROGRAMMATIC_ACCESS_TOKEN."),
        };
    }

    private static bool ValidJwt(string token, SnowflakeEmulatorOptions options, DateTimeOffset now)
    {
        if (options.PublicKeyPem is not { } pem) return token.Length > 0;
        var parts = token.Split('.');
        if (parts.Length != 3) return false;
        try
        {
            using var header = JsonDocument.Parse(Base64Url(parts[0]));
            using var claims = JsonDocument.Parse(Base64Url(parts[1]));
            if (header.RootElement.GetProperty("alg").GetString() != "RS256") return false;
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]),
                    HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                return false;
            var subject = $"{options.Account.ToUpperInvariant()}.{options.User.ToUpperInvariant()}";
            var fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
            var c = claims.RootElement;
            var exp = c.GetProperty("exp").GetInt64();
            var iat = c.GetProperty("iat").GetInt64();
            return c.GetProperty("iss").GetString() == subject + "." + fingerprint
                && c.GetProperty("sub").GetString() == subject
                && exp > now.ToUnixTimeSeconds() && exp - iat <= 3600;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or CryptographicException)
        {
            return false;
        }
    }

    private static byte[] Base64Url(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
