using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// The HTTP face of <see cref="SalesforceEmulator"/>. Per REST call: injected latency or drop, Bearer check (401
/// <c>INVALID_SESSION_ID</c>), the daily allocation (403 <c>REQUEST_LIMIT_EXCEEDED</c>; <c>Sforce-Limit-Info</c> on
/// every answer), injected status, then the call itself.
/// </summary>
internal static class SalesforceEndpoints
{
    private const string Data = "/services/data/v{version}";

    public static void MapSalesforce(this IEndpointRouteBuilder routes, SalesforceEmulator emulator)
    {
        routes.MapPost("/services/oauth2/token", async http =>
        {
            var (status, body) = await SalesforceTokenEndpoint.AnswerAsync(http, emulator);
            await WriteAsync(http, status, body);
            emulator.Record(new SalesforceRequest(emulator.Time.GetUtcNow(), "POST", http.Request.Path, "token", null, 0, status));
        });
        routes.MapMethods(Data + "/composite/sobjects/{sObject}/{field}", ["PATCH"], (HttpContext http, string sObject, string field) =>
            HandleAsync(http, emulator, "upsert", JsonBodyAsync, body => emulator.Collections.Upsert(sObject, field, body)));
        routes.MapPost(Data + "/composite/sobjects", (HttpContext http) =>
            HandleAsync(http, emulator, "create", JsonBodyAsync, emulator.Collections.Create));
        routes.MapMethods(Data + "/composite/sobjects", ["PATCH"], (HttpContext http) =>
            HandleAsync(http, emulator, "update", JsonBodyAsync, emulator.Collections.Update));
        routes.MapDelete(Data + "/composite/sobjects", (HttpContext http) =>
            HandleAsync(http, emulator, "delete", NoBodyAsync, _ => emulator.Collections.Delete(
                http.Request.Query["ids"].ToString(), http.Request.Query["allOrNone"].ToString().Equals("true", StringComparison.OrdinalIgnoreCase))));
        routes.MapGet(Data + "/query", (HttpContext http) =>
            HandleAsync(http, emulator, "query", NoBodyAsync, _ => SalesforceQuery.Run(emulator.Store, http.Request.Query["q"].ToString())));
        routes.MapSalesforceBulk(emulator, Data);
    }

    /// <summary>Answers one REST call: faults, session, allocation, then <paramref name="call"/> with the body <paramref name="read"/> read.</summary>
    internal static async Task HandleAsync<T>(
        HttpContext http, SalesforceEmulator emulator, string operation, Func<HttpContext, Task<T>> read, Func<T, SalesforceAnswer> call)
    {
        var answer = new SalesforceAnswer(0, null, 0, null);
        try
        {
            answer = await AnswerAsync(http, emulator, read, call);
            await WriteAsync(http, answer.Status, answer.Body, answer.Csv);
        }
        finally
        {
            emulator.Record(new SalesforceRequest(emulator.Time.GetUtcNow(), http.Request.Method, http.Request.Path, operation,
                answer.SObject ?? http.GetRouteValue("sObject") as string, answer.RecordCount, answer.Status));
        }
    }

    private static async Task<SalesforceAnswer> AnswerAsync<T>(
        HttpContext http, SalesforceEmulator emulator, Func<HttpContext, Task<T>> read, Func<T, SalesforceAnswer> call)
    {
        var fault = await emulator.Faults.BeforeAnswerAsync(http, emulator.Time);
        if (fault.Answered) return new SalesforceAnswer(fault.Status, null, 0, null);
        if (!emulator.Sessions.Use(BearerToken(http)))
            return new SalesforceAnswer(401, SalesforceErrors.Rest("INVALID_SESSION_ID", "Session expired or invalid"), 0, null);

        var (allowed, used, allocation) = emulator.Usage.Count();
        http.Response.Headers["Sforce-Limit-Info"] = $"api-usage={used.ToString(CultureInfo.InvariantCulture)}/{allocation.ToString(CultureInfo.InvariantCulture)}";
        if (!allowed)
        {
            if (emulator.Options.LimitRetryAfter is { } after) http.Response.Headers.RetryAfter = Seconds(after);
            return new SalesforceAnswer(403, SalesforceErrors.Rest("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."), 0, null);
        }
        if (fault.Kind == FaultKind.Status) return Injected(http, emulator.Faults, fault.Status);
        try
        {
            return call(await read(http));
        }
        catch (JsonException e)
        {
            return new SalesforceAnswer(400, SalesforceErrors.Rest("JSON_PARSER_ERROR", "Invalid JSON: " + e.Message), 0, null);
        }
    }

    /// <summary>
    /// An injected status: 403 and 429 as Salesforce's limit refusal (<c>REQUEST_LIMIT_EXCEEDED</c>), anything else as a
    /// server error; <c>Retry-After</c> from the faults' setting on 403, 429 and 503.
    /// </summary>
    private static SalesforceAnswer Injected(HttpContext http, EmulatorFaults faults, int status)
    {
        if (status is 403 or 429 or 503) faults.WriteRetryAfter(http.Response);
        return new SalesforceAnswer(status, status switch
        {
            403 => SalesforceErrors.Rest("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."),
            429 => SalesforceErrors.Rest("REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded."),
            _ => SalesforceErrors.Rest("SERVER_UNAVAILABLE", $"Injected failure ({status.ToString(CultureInfo.InvariantCulture)})."),
        }, 0, null);
    }

    internal static async Task<JsonElement> JsonBodyAsync(HttpContext http)
    {
        using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        return document.RootElement.Clone();
    }

    internal static async Task<string> TextBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }

    internal static Task<bool> NoBodyAsync(HttpContext http) => Task.FromResult(true);

    private static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static string Seconds(TimeSpan delay) => Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static async Task WriteAsync(HttpContext http, int status, JsonNode? body, string? csv = null)
    {
        if (status == 0 || http.Response.HasStarted || http.RequestAborted.IsCancellationRequested) return;
        http.Response.StatusCode = status;
        if (csv is not null)
        {
            http.Response.ContentType = "text/csv";
            await http.Response.WriteAsync(csv, http.RequestAborted);
            return;
        }
        if (body is null) return;
        http.Response.ContentType = "application/json;charset=UTF-8";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }
}
