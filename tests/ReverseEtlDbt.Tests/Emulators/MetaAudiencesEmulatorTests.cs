using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Privacy;
using Xunit;
using static ReverseEtlDbt.Tests.Emulators.EmulatorCalls;

namespace ReverseEtlDbt.Tests.Emulators;

/// <summary>The Meta Custom Audiences emulator as an API: raw form posts, no client of ours in between.</summary>
public sealed class MetaAudiencesEmulatorTests : IAsyncLifetime
{
    private const string Token = "emulator-token";
    private const string Audience = "23850000000000042";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(new EmulatorOptions { Time = time }, CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static readonly string Alice = IdentifierHash.Sha256("alice@example.com");
    private static readonly string Bob = IdentifierHash.Sha256("bob@example.com");

    private static string Session(long id = 7, int seq = 1, bool last = true) =>
        $$"""{"session_id":{{id}},"batch_seq":{{seq}},"last_batch_flag":{{(last ? "true" : "false")}},"estimated_num_total":2}""";

    private static string Payload(params string[] emails) =>
        JsonSerializer.Serialize(new { schema = new[] { "EMAIL" }, data = emails.Select(e => new[] { e }) });

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(
        HttpMethod method, string? payload, string? session = null, string? token = Token, string version = "v25.0")
    {
        var fields = new Dictionary<string, string?> { ["access_token"] = token, ["payload"] = payload, ["session"] = session }
            .Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        using var request = new HttpRequestMessage(method, new Uri(host.BaseUrl, $"{version}/{Audience}/users"))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        return await EmulatorCalls.SendAsync(request);
    }

    [Fact]
    public async Task Add_answers_the_session_summary_and_stores_members()
    {
        var (response, body) = await SendAsync(HttpMethod.Post, Payload(Alice, Bob), Session());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal((Audience, "7", 2, 0), (body.GetProperty("audience_id").GetString(), body.GetProperty("session_id").GetString(),
            body.GetProperty("num_received").GetInt32(), body.GetProperty("num_invalid_entries").GetInt32()));
        Assert.Equal([Alice, Bob], host.MetaAudiences.Members(Audience).Select(m => m.Identifiers["EMAIL"]));
        Assert.Contains("custom_audience", Header(response, "X-Business-Use-Case-Usage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhashed_values_are_counted_invalid_with_a_sample_and_the_rest_is_added()
    {
        var (response, body) = await SendAsync(HttpMethod.Post, Payload(Alice, "bob@example.com", Alice.ToUpperInvariant()), Session());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal((3, 2), (body.GetProperty("num_received").GetInt32(), body.GetProperty("num_invalid_entries").GetInt32()));
        var samples = body.GetProperty("invalid_entry_samples");
        Assert.Contains("SHA-256", samples.GetProperty("bob@example.com").GetString(), StringComparison.Ordinal);
        Assert.Equal([Alice], host.MetaAudiences.Members(Audience).Select(m => m.Identifiers["EMAIL"]));
    }

    [Fact]
    public async Task Delete_removes_members_matching_the_payload()
    {
        await SendAsync(HttpMethod.Post, Payload(Alice, Bob), Session());

        var (response, body) = await SendAsync(HttpMethod.Delete, Payload(Alice), Session(id: 8));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(1, body.GetProperty("num_received").GetInt32());
        Assert.Equal([Bob], host.MetaAudiences.Members(Audience).Select(m => m.Identifiers["EMAIL"]));
    }

    [Fact]
    public async Task More_than_10000_rows_is_refused_whole()
    {
        var many = Enumerable.Range(0, 10_001).Select(i => IdentifierHash.Sha256($"u{i}@example.com")).ToArray();

        var (response, body) = await SendAsync(HttpMethod.Post, Payload(many), Session());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(100, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Empty(host.MetaAudiences.Members(Audience));
    }

    [Fact]
    public async Task Unknown_schema_key_and_missing_session_are_invalid_parameters()
    {
        var (badSchema, schemaBody) = await SendAsync(HttpMethod.Post, """{"schema":["E_MAIL"],"data":[["x"]]}""", Session());
        var (noSession, sessionBody) = await SendAsync(HttpMethod.Post, Payload(Alice));

        Assert.Equal((400, 100), ((int)badSchema.StatusCode, schemaBody.GetProperty("error").GetProperty("code").GetInt32()));
        Assert.Contains("E_MAIL", schemaBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((400, 100), ((int)noSession.StatusCode, sessionBody.GetProperty("error").GetProperty("code").GetInt32()));
        Assert.Contains("session", sessionBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_or_expired_token_answers_error_190()
    {
        var (wrong, wrongBody) = await SendAsync(HttpMethod.Post, Payload(Alice), Session(), token: "nope");
        host.MetaAudiences.Options.TokenExpired = true;
        var (_, expiredBody) = await SendAsync(HttpMethod.Post, Payload(Alice), Session());

        Assert.Equal(400, (int)wrong.StatusCode);
        Assert.Equal(("OAuthException", 190), (wrongBody.GetProperty("error").GetProperty("type").GetString(), wrongBody.GetProperty("error").GetProperty("code").GetInt32()));
        Assert.Equal(463, expiredBody.GetProperty("error").GetProperty("error_subcode").GetInt32());
        Assert.Empty(host.MetaAudiences.Members(Audience));
    }

    [Fact]
    public async Task Scripted_throttling_answers_code_17_with_the_usage_header()
    {
        host.MetaAudiences.QueueThrottling(1, code: 17, regainMinutes: 5);

        var (throttled, body) = await SendAsync(HttpMethod.Post, Payload(Alice), Session());
        var (next, _) = await SendAsync(HttpMethod.Post, Payload(Alice), Session());

        Assert.Equal((17, 2446079), (body.GetProperty("error").GetProperty("code").GetInt32(), body.GetProperty("error").GetProperty("error_subcode").GetInt32()));
        var usage = JsonDocument.Parse(Header(throttled, "X-Business-Use-Case-Usage")).RootElement;
        var useCase = usage.GetProperty("act_1000000000")[0];
        Assert.Equal((100, 5), (useCase.GetProperty("call_count").GetInt32(), useCase.GetProperty("estimated_time_to_regain_access").GetInt32()));
        Assert.Equal(200, (int)next.StatusCode);
    }

    [Fact]
    public async Task Hourly_call_limit_throttles_until_the_hour_passes()
    {
        host.MetaAudiences.Options.HourlyCallLimit = 2;
        await SendAsync(HttpMethod.Post, Payload(Alice), Session());
        await SendAsync(HttpMethod.Post, Payload(Alice), Session());

        var (_, refused) = await SendAsync(HttpMethod.Post, Payload(Bob), Session());
        time.Advance(TimeSpan.FromHours(1));
        var (after, _) = await SendAsync(HttpMethod.Post, Payload(Bob), Session());

        Assert.Equal(17, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(200, (int)after.StatusCode);
    }

    [Fact]
    public async Task Blocked_audience_answers_100_1713230()
    {
        host.MetaAudiences.Options.BlockedAudiences.Add(Audience);

        var (_, body) = await SendAsync(HttpMethod.Post, Payload(Alice), Session());

        var error = body.GetProperty("error");
        Assert.Equal((100, 1713230, "Audience Upload Blocked"),
            (error.GetProperty("code").GetInt32(), error.GetProperty("error_subcode").GetInt32(), error.GetProperty("error_user_title").GetString()));
    }

    [Fact]
    public async Task Session_bookkeeping_counts_batches_until_the_last_one()
    {
        await SendAsync(HttpMethod.Post, Payload(Alice), Session(id: 11, seq: 1, last: false));
        var open = host.MetaAudiences.Session(11);
        await SendAsync(HttpMethod.Post, Payload(Bob), Session(id: 11, seq: 2, last: true));
        await SendAsync(HttpMethod.Post, Payload(Bob), Session(id: 11, seq: 2, last: true)); // a retry of the last batch

        var done = host.MetaAudiences.Session(11);
        Assert.False(open!.Finished);
        Assert.True(done!.Finished);
        Assert.Equal([1, 2], done.BatchSeqs);
        Assert.Equal(2, done.NumReceived);
    }

    [Fact]
    public async Task Requests_record_the_payload_but_not_the_token()
    {
        await SendAsync(HttpMethod.Post, Payload(Alice), Session());

        var request = Assert.Single(host.MetaAudiences.Requests);
        Assert.Contains(Alice, request.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, request.Payload + request.Session, StringComparison.Ordinal);
        Assert.Equal(("POST", Audience, 1, 200), (request.Method, request.AudienceId, request.Rows, request.Status));
    }

    [Fact]
    public async Task Standalone_run_prints_the_meta_audiences_address_and_token()
    {
        var output = await RunStandaloneAsync();

        Assert.Matches(@"Meta Custom Audiences emulator: http://127\.0\.0\.1:\d+/ \(access_token: emulator-token\)", output);
    }
}
