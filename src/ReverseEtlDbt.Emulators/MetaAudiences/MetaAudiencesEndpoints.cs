using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.MetaAudiences;

/// <summary>
/// The HTTP face of <see cref="MetaAudiencesEmulator"/>: <c>POST</c> (add) and <c>DELETE</c> (remove)
/// <c>/v{N}/{audience_id}/users</c> with form fields (or query parameters) <c>access_token</c>, <c>payload</c> and
/// <c>session</c>. Per request: injected latency or drop, token check (190), throttling (17/613/… with
/// <c>X-Business-Use-Case-Usage</c>), injected status, then the upload. Every answer carries the usage headers.
/// </summary>
internal static class MetaAudiencesEndpoints
{
    public static void MapMetaAudiences(this IEndpointRouteBuilder routes, MetaAudiencesEmulator emulator)
    {
        routes.MapMethods("/{version}/{audienceId:long}/users", [HttpMethods.Post, HttpMethods.Delete],
            (HttpContext http, string version, string audienceId) => HandleAsync(http, emulator, version, audienceId));
    }

    private static async Task HandleAsync(HttpContext http, MetaAudiencesEmulator emulator, string version, string audienceId)
    {
        var answer = new MetaAnswer(0, new JsonObject(), 0, 0);
        string? payload = null, session = null;
        try
        {
            var fields = await FieldsAsync(http);
            payload = fields.GetValueOrDefault("payload");
            session = fields.GetValueOrDefault("session");
            answer = await AnswerAsync(http, emulator, version, audienceId, fields);
        }
        finally
        {
            emulator.Record(new MetaAudiencesRequest(emulator.Time.GetUtcNow(), http.Request.Method, audienceId, answer.Rows,
                answer.Status, answer.ErrorCode, payload, session));
        }
    }

    private static async Task<MetaAnswer> AnswerAsync(
        HttpContext http, MetaAudiencesEmulator emulator, string version, string audienceId, IReadOnlyDictionary<string, string> fields)
    {
        var fault = await emulator.Faults.BeforeAnswerAsync(http, emulator.Time);
        if (fault.Answered) return new MetaAnswer(fault.Status, new JsonObject(), 0, 0);
        if (!version.StartsWith('v') || !decimal.TryParse(version[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            return await WriteAsync(http, emulator, MetaAnswer.Refused(400, MetaGraphJson.Error(2500, $"Unknown path components: /{version}", type: "OAuthException")));
        if (Unauthorized(fields.GetValueOrDefault("access_token"), emulator.Options) is { } refusal)
            return await WriteAsync(http, emulator, MetaAnswer.Refused(400, refusal));

        if (emulator.Throttle() is { } throttle)
        {
            WriteUsage(http.Response, emulator, 100, throttle.RegainMinutes);
            return await WriteAsync(http, emulator, MetaAnswer.Refused(emulator.Options.ThrottleStatus, MetaGraphJson.Throttled(throttle.Code)), usageWritten: true);
        }
        if (fault.Kind == FaultKind.Status)
        {
            if (fault.Status is 429 or 503) emulator.Faults.WriteRetryAfter(http.Response);
            return await WriteAsync(http, emulator, MetaAnswer.Refused(fault.Status, fault.Status == 429
                ? MetaGraphJson.UserRequestLimit()
                : MetaGraphJson.Error(2, "(#2) Service temporarily unavailable", type: "OAuthException")));
        }
        var add = HttpMethods.IsPost(http.Request.Method);
        return await WriteAsync(http, emulator, emulator.Processor.Process(audienceId, add, fields.GetValueOrDefault("payload"), fields.GetValueOrDefault("session")));
    }

    private static JsonObject? Unauthorized(string? token, MetaAudiencesEmulatorOptions options)
    {
        if (string.IsNullOrEmpty(token)) return MetaGraphJson.Error(104, "An access token is required to request this resource.");
        if (token != options.ValidToken) return MetaGraphJson.Error(190, "Invalid OAuth access token - Cannot parse access token");
        return options.TokenExpired
            ? MetaGraphJson.Error(190, "Error validating access token: Session has expired on Tuesday, 24-Nov-26 10:00:00 PST.", 463)
            : null;
    }

    /// <summary>Form fields from the body (POST, and DELETE with a body) over query parameters of the same name.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> FieldsAsync(HttpContext http)
    {
        var fields = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (http.Request.HasFormContentType)
        {
            // A 10,000-row payload with several keys passes ASP.NET's 4 MB default for one form value.
            var form = await http.Request.ReadFormAsync(new FormOptions { ValueLengthLimit = 64 << 20 }, http.RequestAborted);
            foreach (var (name, value) in form) fields[name] = value.ToString();
        }
        return fields;
    }

    private static void WriteUsage(HttpResponse response, MetaAudiencesEmulator emulator, int percent, int regainMinutes)
    {
        var useCase = new JsonObject
        {
            ["type"] = "custom_audience", ["call_count"] = percent, ["total_cputime"] = percent / 2, ["total_time"] = percent / 2,
            ["estimated_time_to_regain_access"] = regainMinutes,
        };
        response.Headers["X-Business-Use-Case-Usage"] = new JsonObject { [emulator.Options.AdAccountId] = new JsonArray(useCase) }.ToJsonString();
        response.Headers["X-App-Usage"] = new JsonObject { ["call_count"] = percent, ["total_cputime"] = percent / 2, ["total_time"] = percent / 2 }.ToJsonString();
    }

    private static async Task<MetaAnswer> WriteAsync(HttpContext http, MetaAudiencesEmulator emulator, MetaAnswer answer, bool usageWritten = false)
    {
        if (!usageWritten) WriteUsage(http.Response, emulator, emulator.CallPercent(), 0);
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = "application/json; charset=UTF-8";
        await http.Response.WriteAsync(answer.Body.ToJsonString(), http.RequestAborted);
        return answer;
    }
}
