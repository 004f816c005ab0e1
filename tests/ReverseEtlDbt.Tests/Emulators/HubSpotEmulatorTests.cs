using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Emulators;
using Xunit;
using static ReverseEtlDbt.Tests.Emulators.EmulatorCalls;

using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Tests.Emulators;

public sealed class HubSpotEmulatorTests : IAsyncLifetime
{
    private const string Token = "emulator-token";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(new EmulatorOptions { Time = time }, CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Uri Batch(string operation, string query = "") => new(host.BaseUrl, $"crm/v3/objects/contacts/batch/{operation}{query}");

    private static string Contact(int n) => $$$"""{"idProperty":"email","id":"c{{{n}}}@example.com","properties":{"firstname":"C{{{n}}}"}}""";

    [Fact]
    public async Task Host_listens_on_loopback_with_the_port_it_was_given()
    {
        Assert.Equal("127.0.0.1", host.BaseUrl.Host);
        Assert.NotEqual(0, host.BaseUrl.Port);
        var (response, _) = await PostAsync(Batch("upsert"), Inputs(1, Contact), Token);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Over_100_inputs_is_refused_by_the_emulator()
    {
        var (response, body) = await PostAsync(Batch("upsert"), Inputs(101, Contact), Token);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("VALIDATION_ERROR", body.GetProperty("category").GetString());
        Assert.Empty(host.HubSpot.Records("contacts"));
        Assert.Equal(101, Assert.Single(host.HubSpot.Requests).InputCount);
    }

    [Fact]
    public async Task Missing_token_is_401_with_the_documented_body()
    {
        var (response, body) = await PostAsync(Batch("upsert"), Inputs(1, Contact), token: "nope");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal("INVALID_AUTHENTICATION", body.GetProperty("category").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("correlationId").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Every_answer_carries_the_rate_limit_headers()
    {
        var (first, _) = await PostAsync(Batch("upsert"), Inputs(1, Contact), Token);
        var (second, _) = await PostAsync(Batch("upsert"), "{not json", Token);

        Assert.Equal("10000", Header(first, "X-HubSpot-RateLimit-Interval-Milliseconds"));
        Assert.Equal("100", Header(first, "X-HubSpot-RateLimit-Max"));
        Assert.Equal("99", Header(first, "X-HubSpot-RateLimit-Remaining"));
        Assert.Equal(400, (int)second.StatusCode);
        Assert.Equal("98", Header(second, "X-HubSpot-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Over_the_limit_every_call_is_429_with_the_documented_body_until_the_window_passes()
    {
        host.HubSpot.Options.RateLimitRequests = 2;
        await PostAsync(Batch("upsert"), Inputs(1, Contact), Token);
        await PostAsync(Batch("upsert"), Inputs(1, Contact), Token);

        var (limited, body) = await PostAsync(Batch("upsert"), Inputs(1, Contact), Token);
        time.Advance(TimeSpan.FromSeconds(9));
        var (stillLimited, _) = await PostAsync(Batch("upsert"), Inputs(1, Contact), Token);
        time.Advance(TimeSpan.FromSeconds(1));
        var (open, _) = await PostAsync(Batch("upsert"), Inputs(1, Contact), Token);

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("RATE_LIMIT", body.GetProperty("errorType").GetString());
        Assert.Equal("TEN_SECONDLY_ROLLING", body.GetProperty("policyName").GetString());
        Assert.Equal("0", Header(limited, "X-HubSpot-RateLimit-Remaining"));
        Assert.Null(limited.Headers.RetryAfter);
        Assert.Equal(429, (int)stillLimited.StatusCode);
        Assert.Equal(200, (int)open.StatusCode);
    }

    [Fact]
    public async Task Retry_after_is_sent_with_429_when_configured()
    {
        host.HubSpot.Options.RateLimitRequests = 1;
        host.HubSpot.Options.SendRetryAfter = true;
        await PostAsync(Batch("upsert"), Inputs(1, Contact), Token);
        time.Advance(TimeSpan.FromSeconds(4));

        var (limited, _) = await PostAsync(Batch("upsert"), Inputs(1, Contact), Token);

        Assert.Equal(TimeSpan.FromSeconds(6), limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Throttling_storm_answers_the_next_calls_with_429()
    {
        host.HubSpot.Faults.QueueThrottling(2);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++) statuses.Add((int)(await PostAsync(Batch("upsert"), Inputs(1, Contact), Token)).Response.StatusCode);

        Assert.Equal([429, 429, 200], statuses);
    }

    [Fact]
    public async Task Upsert_takes_idProperty_from_the_query_and_tells_created_from_updated()
    {
        const string input = """{"id":"a@example.com","properties":{"firstname":"Ada"}}""";
        var (created, first) = await PostAsync(Batch("upsert", "?idProperty=email"), Inputs(1, _ => input), Token);
        var (updated, second) = await PostAsync(Batch("upsert", "?idProperty=email"), Inputs(1, _ => input), Token);

        Assert.Equal(200, (int)created.StatusCode);
        Assert.True(first.GetProperty("results")[0].GetProperty("new").GetBoolean());
        Assert.False(second.GetProperty("results")[0].GetProperty("new").GetBoolean());
        Assert.Equal("a@example.com", Assert.Single(host.HubSpot.Records("contacts"))["email"]);
    }

    [Fact]
    public async Task Create_with_trace_ids_reports_invalid_inputs_in_a_207()
    {
        host.HubSpot.Options.ValuePatterns["email"] = new System.Text.RegularExpressions.Regex("@");
        string Input(int n) => $$$"""{"objectWriteTraceId":"t{{{n}}}","properties":{"email":"{{{(n == 2 ? "broken" : $"c{n}@example.com")}}}"}}""";

        var (response, body) = await PostAsync(Batch("create"), Inputs(3, Input), Token);

        Assert.Equal(207, (int)response.StatusCode);
        Assert.Equal(2, body.GetProperty("results").GetArrayLength());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("t2", error.GetProperty("context").GetProperty("objectWriteTraceId")[0].GetString());
        Assert.Equal(2, host.HubSpot.Records("contacts").Count);
    }

    [Fact]
    public async Task Create_without_trace_ids_fails_whole_for_one_invalid_input()
    {
        host.HubSpot.Options.ValuePatterns["email"] = new System.Text.RegularExpressions.Regex("@");
        string Input(int n) => $$$"""{"properties":{"email":"{{{(n == 2 ? "broken" : "ok@example.com")}}}"}}""";

        var (response, _) = await PostAsync(Batch("create"), Inputs(3, Input), Token);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Empty(host.HubSpot.Records("contacts"));
    }

    [Fact]
    public async Task Read_only_property_fails_the_whole_batch()
    {
        var (response, body) = await PostAsync(Batch("upsert"),
            Inputs(1, _ => """{"idProperty":"email","id":"a@example.com","properties":{"createdate":"2020-01-01"}}"""), Token);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("READ_ONLY_VALUE", body.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Archive_is_204_for_any_id()
    {
        var record = host.HubSpot.Seed("contacts", new Dictionary<string, string> { ["email"] = "a@example.com" });

        var (response, _) = await PostAsync(Batch("archive"), Inputs(2, n => n == 1 ? $$"""{"id":"{{record.Id}}"}""" : """{"id":"999999"}"""), Token);

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Empty(host.HubSpot.Records("contacts"));
        Assert.True(Assert.Single(host.HubSpot.AllRecords()).Archived);
    }

    [Fact]
    public async Task Dropped_connection_gets_no_answer_and_is_logged_as_status_zero()
    {
        host.HubSpot.Faults.QueueDrops(1);

        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(Batch("upsert"), Inputs(1, Contact), Token));

        Assert.Equal(0, Assert.Single(host.HubSpot.Requests).Status);
    }

    [Fact]
    public async Task Daily_limit_is_reported_in_headers_and_refused_with_policy_daily_until_midnight()
    {
        await using var daily = await EmulatorHost.StartAsync(new EmulatorOptions { Time = time, HubSpot = new() { DailyLimit = 2 } }, CancellationToken.None);
        var url = new Uri(daily.BaseUrl, "crm/v3/objects/contacts/batch/upsert");

        var (first, _) = await PostAsync(url, Inputs(1, Contact), Token);
        var (second, _) = await PostAsync(url, Inputs(1, Contact), Token);
        var (third, body) = await PostAsync(url, Inputs(1, Contact), Token);

        Assert.Equal(["2", "1"], first.Headers.GetValues("X-HubSpot-RateLimit-Daily").Concat(first.Headers.GetValues("X-HubSpot-RateLimit-Daily-Remaining")));
        Assert.Equal("0", second.Headers.GetValues("X-HubSpot-RateLimit-Daily-Remaining").Single());
        Assert.Equal(429, (int)third.StatusCode);
        Assert.Equal("DAILY", body.GetProperty("policyName").GetString());
        Assert.Equal("RATE_LIMIT", body.GetProperty("errorType").GetString());

        time.Advance(TimeSpan.FromDays(1));
        var (nextDay, _) = await PostAsync(url, Inputs(1, Contact), Token);
        Assert.True(nextDay.IsSuccessStatusCode);
        Assert.Equal("1", nextDay.Headers.GetValues("X-HubSpot-RateLimit-Daily-Remaining").Single());
    }
}
