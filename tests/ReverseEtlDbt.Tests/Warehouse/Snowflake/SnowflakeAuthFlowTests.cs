using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Data;
using Xunit;
using static ReverseEtlDbt.Tests.Warehouse.Snowflake.SnowflakeTestTargets;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

public sealed class SnowflakeAuthFlowTests : IDisposable
{
    private readonly ScriptedSnowflakeHandler api = new();

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task An_OAuth_refresh_token_is_exchanged_once_with_basic_client_auth_and_the_access_token_is_sent()
    {
        api.Respond(200, """{"access_token": "access-1", "token_type": "Bearer", "expires_in": 600}""")
            .Respond(200, SnowflakeJson.Rows("h-1", "a"))
            .Respond(200, SnowflakeJson.Rows("h-2", "b"));
        var target = Target(new SnowflakeCredentials.OAuthRefreshToken(new Secret("refresh-1"), "client-1", new Secret("secret-1")));
        await using var connection = Open(api, target);

        await Command(connection, "select 1").ExecuteNonQueryAsync();
        await Command(connection, "select 2").ExecuteNonQueryAsync();

        var exchange = api.Requests[0];
        Assert.Equal("POST /oauth/token-request", exchange.ToString());
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-1:secret-1")), exchange.Headers["Authorization"]);
        Assert.Equal("grant_type=refresh_token&refresh_token=refresh-1", exchange.Body);
        Assert.All(api.Requests.Skip(1), r => Assert.Equal("Bearer access-1", r.Headers["Authorization"]));
        Assert.All(api.Requests.Skip(1), r => Assert.Equal("OAUTH", r.Headers["X-Snowflake-Authorization-Token-Type"]));
        Assert.Equal(3, api.Requests.Count);
    }

    [Fact]
    public async Task A_refused_key_pair_JWT_points_at_the_fingerprint_to_register_with_DESCRIBE_USER()
    {
        using var rsa = RSA.Create(2048);
        var key = new Secret(rsa.ExportPkcs8PrivateKeyPem());
        api.Respond(401).Respond(401);
        await using var connection = Open(api, Target(new SnowflakeCredentials.KeyPair(null, key, null)));

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => Command(connection, "select 1").ExecuteNonQueryAsync());

        var fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
        Assert.Contains("Snowflake refused the key-pair JWT for user 'retl' (profile 'shop', target 'prod'", error.Message);
        Assert.Contains($"public key with fingerprint {fingerprint} is registered on user RETL (DESCRIBE USER RETL", error.Message);
        Assert.All(api.Requests, r => Assert.Equal("KEYPAIR_JWT", r.Headers["X-Snowflake-Authorization-Token-Type"]));
        Assert.DoesNotContain(api.Requests[1].Headers["Authorization"]["Bearer ".Length..], error.Message);
    }

    [Fact]
    public async Task A_gzip_body_is_read_even_when_the_handler_does_not_decompress()
    {
        api.Respond(_ =>
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
                gzip.Write(Encoding.UTF8.GetBytes(SnowflakeJson.Rows("h-1", "zipped")));
            var response = ScriptedSnowflakeHandler.Response(200);
            response.Content = new ByteArrayContent(buffer.ToArray());
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            response.Content.Headers.ContentEncoding.Add("gzip");
            return response;
        });
        await using var connection = Open(api);

        Assert.Equal(1L, await Command(connection, "select id, name from t").ExecuteScalarAsync());
    }

    [Fact]
    public async Task Polling_stops_past_the_statement_timeout_and_cancels_it()
    {
        var time = new FakeTimeProvider();
        api.Respond(202, SnowflakeJson.Running("h-4"))
            .Respond(_ =>
            {
                time.Advance(TimeSpan.FromMinutes(5));
                return ScriptedSnowflakeHandler.Response(202, SnowflakeJson.Running("h-4"));
            })
            .Respond(200);
        await using var connection = Open(api, time: time);
        var command = Command(connection, "select slow()");
        command.CommandTimeout = 60;

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("exceeded its timeout of 60 seconds", error.Message);
        Assert.Equal("POST /api/v2/statements/h-4/cancel", api.Requests[^1].ToString());
    }
}
