using System.Globalization;
using System.Text.Json;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>
/// The Graph API error envelope (<c>{"error": {"message", "type", "code", "error_subcode", "error_user_title",
/// "error_user_msg", "fbtrace_id"}}</c>) and what each code means for a sync. Meta does not document the HTTP status of
/// throttling answers, so the code decides, not the status.
/// </summary>
internal sealed record MetaGraphError(int Code, int? Subcode, string Message, string? Type, string? UserTitle, string? UserMessage, string? TraceId)
{
    /// <summary>Token missing (104), expired or invalid (190, and the older session codes), or the app lacks permission (10, 200–299).</summary>
    public bool IsAuth => Code is 190 or 102 or 104 or 463 or 467 or 10 or (>= 200 and <= 299);

    /// <summary>Throttling: app (4), user (17), application-level (32, 341), ad account (613), business use case (80000–80014).</summary>
    public bool IsThrottling => Code is 4 or 17 or 32 or 341 or 613 or (>= 80000 and <= 80014);

    /// <summary>"Temporary issue, retry" (1 unknown, 2 service).</summary>
    public bool IsTemporary => Code is 1 or 2;

    /// <summary>"(#17) User request limit reached [code 17/2446079, fbtrace_id …]: title: user message".</summary>
    public string Describe()
    {
        var code = Subcode is { } s ? $"{Code}/{s}" : Code.ToString(CultureInfo.InvariantCulture);
        var user = string.Join(": ", new[] { UserTitle, UserMessage }.Where(t => !string.IsNullOrWhiteSpace(t)));
        return $"{Message} [code {code}{(TraceId is null ? "" : $", fbtrace_id {TraceId}")}]" + (user.Length > 0 ? $" {user}" : "");
    }

    public static MetaGraphError? From(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            return null;
        return new MetaGraphError(
            Int(error, "code") ?? 0, Int(error, "error_subcode"), DestinationJson.Text(error, "message") ?? "no message", DestinationJson.Text(error, "type"),
            DestinationJson.Text(error, "error_user_title"), DestinationJson.Text(error, "error_user_msg"), DestinationJson.Text(error, "fbtrace_id"));
    }

    private static int? Int(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n
        : json.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.String
          && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n) ? n
        : null;
}
