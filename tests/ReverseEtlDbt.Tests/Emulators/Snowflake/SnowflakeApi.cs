using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Emulators.Snowflake;

namespace ReverseEtlDbt.Tests.Emulators.Snowflake;

/// <summary>
/// A running emulator host and raw SQL API calls against it (OAuth bearer unless a test says otherwise), so the
/// tests read as the documented HTTP exchanges.
/// </summary>
internal sealed class SnowflakeApi : IAsyncDisposable
{
    public const string OAuthToken = "emulator-snowflake-oauth";

    private SnowflakeApi(EmulatorHost host, FakeTimeProvider time) => (Host, Time) = (host, time);

    public EmulatorHost Host { get; }
    public FakeTimeProvider Time { get; }
    public SnowflakeEmulator Emulator => Host.Snowflake;
    public SnowflakeEmulatorOptions Options => Host.Snowflake.Options;

    public static async Task<SnowflakeApi> StartAsync(Action<SnowflakeEmulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions { Time = time };
        configure?.Invoke(options.Snowflake);
        return new SnowflakeApi(await EmulatorHost.StartAsync(options, CancellationToken.None), time);
    }

    /// <summary>A statement body with the given fields; <paramref name="count"/> sets MULTI_STATEMENT_COUNT.</summary>
    public static string Body(string sql, string? count = null, string? tag = null, JsonObject? bindings = null,
        string? warehouse = null, string? role = null, int? timeout = null, string? schema = null)
    {
        var body = new JsonObject { ["statement"] = sql, ["database"] = "ANALYTICS", ["schema"] = schema ?? "PUBLIC" };
        var parameters = new JsonObject();
        if (count is not null) parameters["MULTI_STATEMENT_COUNT"] = count;
        if (tag is not null) parameters["QUERY_TAG"] = tag;
        if (parameters.Count > 0) body["parameters"] = parameters;
        if (bindings is not null) body["bindings"] = bindings;
        if (warehouse is not null) body["warehouse"] = warehouse;
        if (role is not null) body["role"] = role;
        if (timeout is not null) body["timeout"] = timeout;
        return body.ToJsonString();
    }

    public Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(
        string body, string? requestId = null, bool async = false, string tokenType = "OAUTH", string? token = OAuthToken)
    {
        var query = $"api/v2/statements?requestId={requestId ?? Guid.NewGuid().ToString()}" + (async ? "&async=true" : "")
            + (requestId is not null ? "&retry=true" : "");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseUrl, query))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return SendAsync(request, tokenType, token);
    }

    /// <summary>Runs one statement synchronously and returns the 200 body (fails the test otherwise).</summary>
    public async Task<JsonElement> QueryAsync(string sql, string? count = null)
    {
        var (response, body) = await PostAsync(Body(sql, count));
        if ((int)response.StatusCode != 200) throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode}: {body}");
        return body;
    }

    public Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string handle, int? partition = null, bool gzip = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(Host.BaseUrl, $"api/v2/statements/{handle}" + (partition is { } p ? $"?partition={p}" : "")));
        if (gzip) request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        return SendAsync(request, "OAUTH", OAuthToken);
    }

    public Task<(HttpResponseMessage Response, JsonElement Body)> CancelAsync(string handle) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Host.BaseUrl, $"api/v2/statements/{handle}/cancel")), "OAUTH", OAuthToken);

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request, string? tokenType, string? token)
    {
        using (request)
        {
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (tokenType is not null) request.Headers.TryAddWithoutValidation("X-Snowflake-Authorization-Token-Type", tokenType);
            return await EmulatorCalls.SendAsync(request);
        }
    }

    /// <summary>The rows of a ResultSet or partition body, as strings and nulls.</summary>
    public static List<List<string?>> Data(JsonElement body) =>
        body.GetProperty("data").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Null ? null : c.GetString()).ToList()).ToList();

    public static string Handle(JsonElement body) => body.GetProperty("statementHandle").GetString()!;

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
