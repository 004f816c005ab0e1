using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;
using static ReverseEtlDbt.Tests.Emulators.Snowflake.SnowflakeApi;

namespace ReverseEtlDbt.Tests.Emulators.Snowflake;

/// <summary>Key-pair JWT and token auth as Snowflake documents them, injected faults, and the named configuration errors.</summary>
public sealed class SnowflakeAuthAndFaultTests : IAsyncLifetime
{
    private readonly RSA key = RSA.Create(2048);
    private SnowflakeApi api = null!;

    public async Task InitializeAsync() => api = await SnowflakeApi.StartAsync(o => o.PublicKeyPem = key.ExportSubjectPublicKeyInfoPem());

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        key.Dispose();
    }

    /// <summary>A key-pair JWT as a client builds it: iss with the key's fingerprint, sub, iat, exp; RS256.</summary>
    private string Jwt(RSA signer, TimeSpan? lifetime = null, DateTimeOffset? issued = null, string account = "EMULATOR")
    {
        var iat = (issued ?? api.Time.GetUtcNow()).ToUnixTimeSeconds();
        var fingerprint = Convert.ToBase64String(SHA256.HashData(signer.ExportSubjectPublicKeyInfo()));
        var header = Encode(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" });
        var claims = Encode(new JsonObject
        {
            ["iss"] = $"{account}.RETL.SHA256:{fingerprint}", ["sub"] = $"{account}.RETL",
            ["iat"] = iat, ["exp"] = iat + (long)(lifetime ?? TimeSpan.FromMinutes(59)).TotalSeconds,
        });
        var signature = signer.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + claims + "." + Base64Url(signature);
    }

    private static string Encode(JsonObject json) => Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<int> StatusWith(string tokenType, string? token) =>
        (int)(await api.PostAsync(Body("select 1"), tokenType: tokenType, token: token)).Response.StatusCode;

    [Fact]
    public async Task A_key_pair_jwt_signed_with_the_registered_key_is_accepted()
    {
        Assert.Equal(200, await StatusWith("KEYPAIR_JWT", Jwt(key)));
    }

    [Fact]
    public async Task A_jwt_signed_with_another_key_is_401_jwt_token_is_invalid()
    {
        using var other = RSA.Create(2048);

        var (response, body) = await api.PostAsync(Body("select 1"), tokenType: "KEYPAIR_JWT", token: Jwt(other));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(("390144", "JWT token is invalid."), (body.GetProperty("code").GetString(), body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Expired_overlong_or_misaddressed_jwts_are_401()
    {
        var expired = Jwt(key, issued: api.Time.GetUtcNow().AddHours(-2));
        var overlong = Jwt(key, lifetime: TimeSpan.FromHours(2));
        var wrongAccount = Jwt(key, account: "SOMEONE");

        var statuses = new[] { await StatusWith("KEYPAIR_JWT", expired), await StatusWith("KEYPAIR_JWT", overlong),
            await StatusWith("KEYPAIR_JWT", wrongAccount) };

        Assert.Equal([401, 401, 401], statuses);
    }

    [Fact]
    public async Task A_jwt_expires_on_the_emulators_clock()
    {
        var token = Jwt(key, lifetime: TimeSpan.FromMinutes(5));
        var before = await StatusWith("KEYPAIR_JWT", token);
        api.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal((200, 401), (before, await StatusWith("KEYPAIR_JWT", token)));
    }

    [Fact]
    public async Task The_token_type_header_and_a_configured_token_are_required()
    {
        Assert.Equal(401, await StatusWith(null!, OAuthToken));
        Assert.Equal(401, await StatusWith("BASIC", OAuthToken));
        Assert.Equal(401, await StatusWith("OAUTH", "wrong"));
        Assert.Equal(401, await StatusWith("OAUTH", null));
        Assert.Equal(200, await StatusWith("PROGRAMMATIC_ACCESS_TOKEN", "emulator-snowflake-pat"));
        Assert.Single(api.Emulator.History);
    }

    [Fact]
    public async Task Queued_faults_answer_429_503_and_401_before_anything_runs()
    {
        api.Emulator.Faults.QueueThrottling(1);
        api.Emulator.Faults.QueueStatus(503);
        api.Emulator.Faults.QueueStatus(401);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++) statuses.Add((int)(await api.PostAsync(Body("select 1"))).Response.StatusCode);

        Assert.Equal([429, 503, 401, 200], statuses);
        Assert.Single(api.Emulator.History);
    }

    [Fact]
    public async Task A_suspended_warehouse_fails_with_000606()
    {
        api.Options.SuspendedWarehouses.Add("SLEEPY_WH");

        var (response, body) = await api.PostAsync(Body("select 1", warehouse: "SLEEPY_WH"));

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal(("000606", "57P03"), (body.GetProperty("code").GetString(), body.GetProperty("sqlState").GetString()));
        Assert.Equal("No active warehouse selected in the current session.  Select an active warehouse with the 'use warehouse' command.",
            body.GetProperty("message").GetString());
        Assert.True(body.TryGetProperty("createdOn", out _));
    }

    [Fact]
    public async Task A_role_without_privileges_on_a_schema_fails_with_003001()
    {
        await api.Emulator.ExecuteAsync("create schema finance; create table finance.revenue (amount number)");
        api.Options.DenySchema("REPORTER", "FINANCE");

        var (denied, body) = await api.PostAsync(Body("select * from analytics.finance.revenue", role: "REPORTER"));
        var (allowed, _) = await api.PostAsync(Body("select * from analytics.finance.revenue", role: "ADMIN"));

        Assert.Equal((422, 200), ((int)denied.StatusCode, (int)allowed.StatusCode));
        Assert.Equal(("003001", "42501", "SQL access control error: Insufficient privileges to operate on schema 'FINANCE'"),
            (body.GetProperty("code").GetString(), body.GetProperty("sqlState").GetString(), body.GetProperty("message").GetString()));
    }
}
