using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.Webhook;

/// <summary>
/// The HTTP face of <see cref="WebhookEmulator"/>: <c>POST /webhook</c> (and any path below it). Per request:
/// injected latency, drop or status; signature check (401); replayed <c>webhook-id</c> answered 200 without storing
/// again (422 if the replay carries a different body, as the Idempotency-Key draft asks); otherwise stored, 200 (or, when
/// told to lose answers, stored and the connection dropped).
/// </summary>
internal static class WebhookEndpoints
{
    public static void MapWebhook(this IEndpointRouteBuilder routes, WebhookEmulator emulator)
    {
        routes.MapPost("/webhook", (HttpContext http) => HandleAsync(http, emulator));
        routes.MapPost("/webhook/{**rest}", (HttpContext http) => HandleAsync(http, emulator));
    }

    private static async Task HandleAsync(HttpContext http, WebhookEmulator emulator)
    {
        var id = http.Request.Headers["webhook-id"].FirstOrDefault();
        var (status, duplicate) = (0, false);
        try
        {
            (status, duplicate) = await AnswerAsync(http, emulator, id);
        }
        finally
        {
            emulator.Record(new WebhookRequest(emulator.Time.GetUtcNow(), http.Request.Path, id, status, duplicate));
        }
    }

    private static async Task<(int Status, bool Duplicate)> AnswerAsync(HttpContext http, WebhookEmulator emulator, string? id)
    {
        var fault = await emulator.Faults.BeforeAnswerAsync(http, emulator.Time);
        if (fault.Answered) return (fault.Status, false);
        if (fault.Kind == FaultKind.Status)
        {
            if (fault.Status is 429 or 503) emulator.Faults.WriteRetryAfter(http.Response);
            return (await WriteAsync(http, fault.Status, Problem($"Injected failure ({fault.Status.ToString(CultureInfo.InvariantCulture)}).", http, emulator)), false);
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var raw = buffer.ToArray();
        var headers = http.Request.Headers;
        var timestamp = headers["webhook-timestamp"].FirstOrDefault();
        if (emulator.Options.Secret is { } secret
            && WebhookSignatureVerifier.Verify(secret, id, timestamp, headers["webhook-signature"].FirstOrDefault(), raw,
                emulator.Time.GetUtcNow(), emulator.Options.Tolerance) is { } reason)
            return (await WriteAsync(http, 401, Problem("Signature verification failed: " + reason, http, emulator)), false);
        if (string.IsNullOrEmpty(id)) return (await WriteAsync(http, 400, Problem("webhook-id is required.", http, emulator)), false);

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(raw).RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (await WriteAsync(http, 400, Problem("Body is not JSON: " + e.Message, http, emulator)), false);
        }
        if (emulator.Options.ValidateEmails && InvalidEmail(body) is { } invalid)
            return (await WriteAsync(http, 400, Problem($"Invalid email address '{invalid}' in records[].fields.email.", http, emulator)), false);
        var text = Encoding.UTF8.GetString(raw);
        var delivery = new WebhookDelivery(id, long.TryParse(timestamp, CultureInfo.InvariantCulture, out var t) ? t : 0,
            http.Request.Path, headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            headers["Idempotency-Key"].FirstOrDefault(), body, text, emulator.Time.GetUtcNow());
        var stored = emulator.StoreOnce(delivery);
        if ((stored is null || stored.RawBody == text) && emulator.TakeLostAnswer())
        {
            http.Abort(); // stored, but the sender never hears so
            return (0, false);
        }
        return stored switch
        {
            null => (await WriteAsync(http, 200, new JsonObject { ["received"] = id }), false),
            { RawBody: var first } when first == text => (await WriteAsync(http, 200, new JsonObject { ["received"] = id, ["duplicate"] = true }), true),
            _ => (await WriteAsync(http, 422, Problem($"webhook-id {id} was already used with a different payload.", http, emulator)), true),
        };
    }

    private static JsonObject Problem(string detail, HttpContext http, WebhookEmulator emulator)
    {
        if (emulator.Options.EchoAuthorization) detail += $" You sent Authorization: {http.Request.Headers.Authorization}";
        return new() { ["title"] = detail, ["detail"] = detail };
    }

    /// <summary>The first <c>email</c> field of the delivery's records that has no <c>@</c> with a dot after it.</summary>
    private static string? InvalidEmail(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array
            ? records.EnumerateArray()
                .Select(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null)
                .FirstOrDefault(e => e is not null && (e.IndexOf('@', StringComparison.Ordinal) is var at && (at <= 0 || !e[at..].Contains('.', StringComparison.Ordinal))))
            : null;

    private static async Task<int> WriteAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
        return status;
    }
}
