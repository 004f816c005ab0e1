using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>
/// The HTTP face of <see cref="ZendeskEmulator"/>. Per request: injected latency or drop, auth (Basic
/// <c>{email}/token:{api_token}</c> or Bearer; else 401), the per-minute limit with <c>X-Rate-Limit*</c> and
/// <c>ratelimit-*</c> headers (429 + <c>Retry-After</c> once over), injected status, then the call itself.
/// Paths are accepted with or without Zendesk's <c>.json</c> suffix.
/// </summary>
internal static class ZendeskEndpoints
{
    public static void MapZendesk(this IEndpointRouteBuilder routes, ZendeskEmulator emulator)
    {
        foreach (var suffix in new[] { "", ".json" })
        {
            routes.MapPost("/api/v2/users/create_or_update_many" + suffix,
                (HttpContext http) => HandleAsync(http, emulator, ZendeskBulkCalls.CreateOrUpdateManyAsync));
            routes.MapDelete("/api/v2/users/destroy_many" + suffix,
                (HttpContext http) => HandleAsync(http, emulator, ZendeskBulkCalls.DestroyManyAsync));
            routes.MapGet("/api/v2/users" + suffix,
                (HttpContext http) => HandleAsync(http, emulator, ListUsersAsync));
        }
        routes.MapGet("/api/v2/job_statuses/{id}",
            (HttpContext http, string id) => HandleAsync(http, emulator, (h, e) => ShowJobAsync(h, e, id)));
    }

    private static async Task HandleAsync(HttpContext http, ZendeskEmulator emulator, Func<HttpContext, ZendeskEmulator, Task<Answer>> call)
    {
        var answer = new Answer(0);
        try
        {
            answer = await PreludeAsync(http, emulator) ?? await call(http, emulator);
        }
        finally
        {
            emulator.Record(new ZendeskRequest(emulator.Time.GetUtcNow(), http.Request.Method, http.Request.Path,
                answer.Users, answer.Status, answer.JobStatus));
        }
    }

    /// <summary>What every call goes through first; <c>null</c> lets the call itself answer.</summary>
    private static async Task<Answer?> PreludeAsync(HttpContext http, ZendeskEmulator emulator)
    {
        var fault = await emulator.Faults.BeforeAnswerAsync(http, emulator.Time);
        if (fault.Answered) return new Answer(fault.Status);
        if (!Authorized(http.Request, emulator.Options))
            return new Answer(await WriteAsync(http, 401, ZendeskJson.Error("Couldn't authenticate you")));

        var window = emulator.Limiter.Acquire();
        WriteRateLimitHeaders(http.Response, window);
        if (!window.Allowed)
        {
            http.Response.Headers.RetryAfter = Seconds(window.ResetsIn);
            return new Answer(await WriteAsync(http, 429, ZendeskJson.Error("TooManyRequests",
                "You have exceeded the number of API requests allowed per minute for this account")));
        }
        if (fault.Kind == FaultKind.Status)
        {
            if (fault.Status is 429 or 503) emulator.Faults.WriteRetryAfter(http.Response);
            return new Answer(await WriteAsync(http, fault.Status, ZendeskJson.Error(fault.Status == 429 ? "TooManyRequests" : "InternalError",
                $"Injected failure ({fault.Status.ToString(CultureInfo.InvariantCulture)})")));
        }
        return null;
    }

    private static bool Authorized(HttpRequest request, ZendeskEmulatorOptions options)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim() == options.OAuthToken;
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return credentials == $"{options.Email}/token:{options.ApiToken}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task<Answer> ShowJobAsync(HttpContext http, ZendeskEmulator emulator, string id)
    {
        var job = emulator.Jobs.Poll(id.EndsWith(".json", StringComparison.Ordinal) ? id[..^".json".Length] : id);
        if (job is null) return new Answer(await WriteAsync(http, 404, ZendeskJson.Error("RecordNotFound", "Not found")));
        return new Answer(await WriteAsync(http, 200, ZendeskJson.JobStatus(job)), JobStatus: job["status"]?.ToString());
    }

    /// <summary><c>GET /api/v2/users</c> with cursor pagination: <c>page[size]</c> (≤ 100) and <c>page[after]</c>.</summary>
    private static async Task<Answer> ListUsersAsync(HttpContext http, ZendeskEmulator emulator)
    {
        var size = int.TryParse(http.Request.Query["page[size]"], CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, 100) : 100;
        var after = http.Request.Query["page[after]"].ToString() is { Length: > 0 } cursor ? Decode(cursor) : 0;
        if (after is null) return new Answer(await WriteAsync(http, 400, ZendeskJson.Error("InvalidPaginationParameter", "page[after] is not a valid cursor")));
        IReadOnlyList<ZendeskUser> page;
        bool more;
        lock (emulator.Store.Gate)
        {
            page = emulator.Store.Page(after.Value, size);
            more = page.Count > 0 && emulator.Store.Page(page[^1].Id, 1).Count > 0;
        }
        var afterCursor = page.Count > 0 ? Encode(page[^1].Id) : null;
        var next = more ? $"{http.Request.Scheme}://{http.Request.Host}/api/v2/users?page[size]={size}&page[after]={afterCursor}" : null;
        var body = new JsonObject
        {
            ["users"] = new JsonArray(page.Select(u => (JsonNode)u.ToJson()).ToArray()),
            ["meta"] = new JsonObject
            {
                ["has_more"] = more, ["after_cursor"] = afterCursor, ["before_cursor"] = page.Count > 0 ? Encode(page[0].Id) : null,
            },
            ["links"] = new JsonObject { ["next"] = next, ["prev"] = null },
        };
        return new Answer(await WriteAsync(http, 200, body));
    }

    private static string Encode(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes("u:" + id.ToString(CultureInfo.InvariantCulture)));

    private static long? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("u:", StringComparison.Ordinal) && long.TryParse(text[2..], CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void WriteRateLimitHeaders(HttpResponse response, ZendeskRateDecision window)
    {
        var limit = window.Limit.ToString(CultureInfo.InvariantCulture);
        var remaining = window.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit"] = limit;
        response.Headers["X-Rate-Limit-Remaining"] = remaining;
        response.Headers["ratelimit-limit"] = limit;
        response.Headers["ratelimit-remaining"] = remaining;
        response.Headers["ratelimit-reset"] = Seconds(window.ResetsIn);
    }

    private static string Seconds(TimeSpan span) =>
        Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    internal static async Task<int> WriteAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
        return status;
    }

    internal static Uri BaseUrl(HttpRequest request) => new($"{request.Scheme}://{request.Host}/");
}

/// <summary>How a call was answered, for the request log.</summary>
internal readonly record struct Answer(int Status, int Users = 0, string? JobStatus = null);
