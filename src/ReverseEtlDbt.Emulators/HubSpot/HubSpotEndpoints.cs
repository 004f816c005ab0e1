using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>
/// The HTTP face of <see cref="HubSpotEmulator"/>. Per request: injected latency or drop, Bearer check (401),
/// burst window with <c>X-HubSpot-RateLimit-*</c> headers (429 once over), injected status, then the batch.
/// </summary>
internal static class HubSpotEndpoints
{
    private const string BurstPolicy = "TEN_SECONDLY_ROLLING";

    public static void MapHubSpot(this IEndpointRouteBuilder routes, HubSpotEmulator emulator)
    {
        routes.MapPost("/crm/v3/objects/{objectType}/batch/{operation}",
            (HttpContext http, string objectType, string operation) => HandleAsync(http, emulator, objectType, operation));
        routes.MapPost("/crm/objects/{version}/{objectType}/batch/{operation}",
            (HttpContext http, string objectType, string operation) => HandleAsync(http, emulator, objectType, operation));
    }

    private static async Task HandleAsync(HttpContext http, HubSpotEmulator emulator, string objectType, string operation)
    {
        var arrived = emulator.Time.GetUtcNow();
        var status = 0;
        var inputs = 0;
        try
        {
            (status, inputs) = await AnswerAsync(http, emulator, objectType, operation);
        }
        finally
        {
            emulator.Record(new HubSpotRequest(emulator.Time.GetUtcNow(), http.Request.Path, objectType, operation, inputs, status, arrived));
        }
    }

    private static async Task<(int Status, int Inputs)> AnswerAsync(HttpContext http, HubSpotEmulator emulator, string objectType, string operation)
    {
        var fault = await emulator.Faults.BeforeAnswerAsync(http, emulator.Time);
        if (fault.Answered) return (fault.Status, 0);
        if (Unauthorized(http, emulator.Options) is { } refusal) return (await WriteAsync(http, 401, refusal), 0);

        if (emulator.Limiter.AcquireDaily() is { } daily)
        {
            http.Response.Headers["X-HubSpot-RateLimit-Daily"] = daily.Limit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-HubSpot-RateLimit-Daily-Remaining"] = Math.Max(0, daily.Remaining).ToString(CultureInfo.InvariantCulture);
            if (daily.Remaining < 0)
                return (await WriteAsync(http, 429, HubSpotJson.RateLimited("DAILY", "You have reached your daily limit.")), 0);
        }
        var window = emulator.Limiter.Acquire();
        WriteRateLimitHeaders(http.Response, window);
        if (!window.Allowed)
        {
            if (emulator.Options.SendRetryAfter)
                http.Response.Headers.RetryAfter = Math.Ceiling(window.ResetsIn.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return (await WriteAsync(http, 429, TenSecondlyLimit()), 0);
        }
        if (fault.Kind == FaultKind.Status) return (await WriteFaultAsync(http, emulator.Faults, fault.Status), 0);
        if (!Enum.TryParse<HubSpotOperation>(operation, ignoreCase: true, out var op))
            return (await WriteAsync(http, 404, HubSpotJson.Error("OBJECT_NOT_FOUND", $"Unknown batch operation '{operation}'.")), 0);

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            return (await WriteAsync(http, 400, HubSpotJson.Error("VALIDATION_ERROR", "Invalid input JSON: " + e.Message)), 0);
        }
        using (body)
        {
            var answer = emulator.Processor.Process(objectType, op, body.RootElement, http.Request.Query["idProperty"].FirstOrDefault());
            return (await WriteAsync(http, answer.Status, answer.Body), answer.InputCount);
        }
    }

    private static JsonObject? Unauthorized(HttpContext http, HubSpotEmulatorOptions options)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (token != options.ValidToken)
            return HubSpotJson.Error("INVALID_AUTHENTICATION",
                "Authentication credentials not found. This API supports OAuth 2.0 authentication.");
        return options.TokenExpired
            ? HubSpotJson.Error("EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired 1 minute(s) ago.")
            : null;
    }

    private static void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision window)
    {
        response.Headers["X-HubSpot-RateLimit-Interval-Milliseconds"] =
            ((long)window.Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-HubSpot-RateLimit-Max"] = window.Max.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-HubSpot-RateLimit-Remaining"] = window.Remaining.ToString(CultureInfo.InvariantCulture);
    }

    private static JsonObject TenSecondlyLimit() =>
        HubSpotJson.RateLimited(BurstPolicy, "You have reached your ten_secondly_rolling limit.");

    private static Task<int> WriteFaultAsync(HttpContext http, EmulatorFaults faults, int status)
    {
        if (status is 429 or 503) faults.WriteRetryAfter(http.Response);
        return WriteAsync(http, status, status == 429
            ? TenSecondlyLimit()
            : HubSpotJson.Error("INTERNAL_ERROR", $"Injected failure ({status.ToString(CultureInfo.InvariantCulture)})."));
    }

    private static async Task<int> WriteAsync(HttpContext http, int status, JsonObject? body)
    {
        http.Response.StatusCode = status;
        if (body is null) return status;
        http.Response.ContentType = "application/json;charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
        return status;
    }
}
