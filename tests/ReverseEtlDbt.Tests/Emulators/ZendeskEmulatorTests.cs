using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Emulators;
using Xunit;
using static ReverseEtlDbt.Tests.Emulators.EmulatorCalls;

namespace ReverseEtlDbt.Tests.Emulators;

public sealed class ZendeskEmulatorTests : IAsyncLifetime
{
    private const string Email = "agent@example.com";
    private const string ApiToken = "emulator-zendesk-token";
    private const string OAuthToken = "emulator-zendesk-oauth";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(new EmulatorOptions { Time = time }, CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static AuthenticationHeaderValue Basic(string email = Email, string token = ApiToken) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}/token:{token}")));

    private async Task<(HttpResponseMessage Response, JsonElement Body)> CallAsync(
        HttpMethod method, string path, string? json = null, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(host.BaseUrl, path));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Authorization = auth ?? Basic();
        return await SendAsync(request);
    }

    private static string Users(params string[] users) => "{\"users\":[" + string.Join(",", users) + "]}";

    private static string User(int n) => $$"""{"external_id":"u-{{n}}","email":"u{{n}}@example.com","name":"U{{n}}"}""";

    private Task<(HttpResponseMessage Response, JsonElement Body)> Upsert(string body) =>
        CallAsync(HttpMethod.Post, "api/v2/users/create_or_update_many", body);

    private async Task<JsonElement> PollAsync(string id) =>
        (await CallAsync(HttpMethod.Get, $"api/v2/job_statuses/{id}.json")).Body.GetProperty("job_status");

    [Fact]
    public async Task Api_token_and_oauth_token_are_accepted_anything_else_is_401()
    {
        var (basic, _) = await Upsert(Users(User(1)));
        var (bearer, _) = await CallAsync(HttpMethod.Post, "api/v2/users/create_or_update_many", Users(User(2)), new("Bearer", OAuthToken));
        var (wrongToken, body) = await CallAsync(HttpMethod.Post, "api/v2/users/create_or_update_many", Users(User(3)), Basic(token: "nope"));
        var (plainPassword, _) = await CallAsync(HttpMethod.Post, "api/v2/users/create_or_update_many", Users(User(4)),
            new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{ApiToken}"))));

        Assert.Equal((200, 200, 401, 401), ((int)basic.StatusCode, (int)bearer.StatusCode, (int)wrongToken.StatusCode, (int)plainPassword.StatusCode));
        Assert.Equal("Couldn't authenticate you", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_bulk_call_is_a_job_that_goes_queued_working_completed_with_ordered_results()
    {
        host.Zendesk.Seed("Existing", email: "u2@example.com");
        var (response, body) = await Upsert(Users(User(1), User(2), """{"external_id":"u-3","email":"bad@example","name":"U3"}"""));

        var job = body.GetProperty("job_status");
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(("queued", 3), (job.GetProperty("status").GetString(), job.GetProperty("total").GetInt32()));
        Assert.EndsWith($"/api/v2/job_statuses/{id}.json", job.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Null(host.Zendesk.FindByExternalId("u-1")); // nothing happens before the job runs

        var working = await PollAsync(id);
        var completed = await PollAsync(id);

        Assert.Equal("working", working.GetProperty("status").GetString());
        Assert.Equal(("completed", 3), (completed.GetProperty("status").GetString(), completed.GetProperty("progress").GetInt32()));
        var results = completed.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["Created", "Updated", "Failed"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(host.Zendesk.FindByExternalId("u-1")!.Id, results[0].GetProperty("id").GetInt64());
        Assert.Equal(host.Zendesk.FindByEmail("u2@example.com")!.Id, results[1].GetProperty("id").GetInt64());
        Assert.Equal("UserUpdateError", results[2].GetProperty("error").GetString());
        Assert.Equal("Email: bad@example is not properly formatted", results[2].GetProperty("details").GetString());
        Assert.Equal(2, host.Zendesk.Users.Count);
    }

    [Fact]
    public async Task Over_100_users_is_refused_without_a_job()
    {
        var (response, body) = await Upsert(Users(Enumerable.Range(1, 101).Select(User).ToArray()));

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("RecordInvalid", body.GetProperty("error").GetString());
        Assert.Contains("at most 100", body.GetProperty("details").GetProperty("users")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Null(host.Zendesk.Requests.Single().JobStatus);
    }

    [Fact]
    public async Task Every_answer_carries_the_rate_limit_headers_and_over_the_minute_it_is_429_with_retry_after()
    {
        host.Zendesk.Options.RateLimitPerMinute = 2;
        var (first, _) = await Upsert(Users(User(1)));
        time.Advance(TimeSpan.FromSeconds(15));
        await Upsert(Users(User(2)));
        var (limited, body) = await Upsert(Users(User(3)));
        time.Advance(TimeSpan.FromSeconds(45));
        var (open, _) = await Upsert(Users(User(4)));

        Assert.Equal(("2", "1", "2", "1", "60"), (Header(first, "X-Rate-Limit"), Header(first, "X-Rate-Limit-Remaining"),
            Header(first, "ratelimit-limit"), Header(first, "ratelimit-remaining"), Header(first, "ratelimit-reset")));
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(45), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("0", Header(limited, "X-Rate-Limit-Remaining"));
        Assert.Equal("TooManyRequests", body.GetProperty("error").GetString());
        Assert.Equal(200, (int)open.StatusCode);
    }

    [Fact]
    public async Task Unknown_and_expired_jobs_are_404()
    {
        var (_, body) = await Upsert(Users(User(1)));
        var id = body.GetProperty("job_status").GetProperty("id").GetString()!;
        var (unknown, _) = await CallAsync(HttpMethod.Get, "api/v2/job_statuses/0123456789abcdef");
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var (expired, error) = await CallAsync(HttpMethod.Get, $"api/v2/job_statuses/{id}");

        Assert.Equal((404, 404), ((int)unknown.StatusCode, (int)expired.StatusCode));
        Assert.Equal("RecordNotFound", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Beyond_the_job_cap_a_new_bulk_call_is_429_until_a_job_finishes()
    {
        host.Zendesk.Options.MaxActiveJobs = 1;
        var (_, body) = await Upsert(Users(User(1)));
        var (capped, error) = await Upsert(Users(User(2)));
        var id = body.GetProperty("job_status").GetProperty("id").GetString()!;
        await PollAsync(id);
        await PollAsync(id);
        var (accepted, _) = await Upsert(Users(User(2)));

        Assert.Equal(429, (int)capped.StatusCode);
        Assert.Equal("TooManyJobs", error.GetProperty("error").GetString());
        Assert.NotNull(capped.Headers.RetryAfter);
        Assert.Equal(200, (int)accepted.StatusCode);
    }

    [Fact]
    public async Task Destroy_many_deletes_the_listed_users_as_a_job()
    {
        var keep = host.Zendesk.Seed("Keep", email: "keep@example.com");
        var gone = host.Zendesk.Seed("Gone", email: "gone@example.com");

        var (response, body) = await CallAsync(HttpMethod.Delete, $"api/v2/users/destroy_many.json?ids={gone.Id},42");
        var id = body.GetProperty("job_status").GetProperty("id").GetString()!;
        Assert.Equal(2, host.Zendesk.Users.Count);
        await PollAsync(id);
        var results = (await PollAsync(id)).GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([true, false], results.Select(r => r.GetProperty("success").GetBoolean()));
        Assert.Equal([keep.Id], host.Zendesk.Users.Select(u => u.Id));
    }

    [Fact]
    public async Task Users_list_pages_by_cursor_until_has_more_is_false()
    {
        foreach (var n in Enumerable.Range(1, 5)) host.Zendesk.Seed($"U{n}", email: $"u{n}@example.com");
        var names = new List<string>();
        var path = "api/v2/users.json?page[size]=2";
        var pages = 0;
        while (true)
        {
            var (_, body) = await CallAsync(HttpMethod.Get, path);
            pages++;
            names.AddRange(body.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("name").GetString()!));
            if (!body.GetProperty("meta").GetProperty("has_more").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, body.GetProperty("links").GetProperty("next").ValueKind);
                break;
            }
            path = new Uri(body.GetProperty("links").GetProperty("next").GetString()!).PathAndQuery.TrimStart('/');
        }

        Assert.Equal(3, pages);
        Assert.Equal(["U1", "U2", "U3", "U4", "U5"], names);
    }
}
