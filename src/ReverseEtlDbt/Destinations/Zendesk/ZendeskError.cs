using System.Text.Json;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// Zendesk's explanation of an answer, for people: <c>error</c> (a code, or an object with <c>title</c> and
/// <c>message</c>), <c>description</c> and <c>details</c> per field; plain text when the body is not JSON.
/// </summary>
internal static class ZendeskError
{
    public static string Describe(JsonElement body, string text)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return string.IsNullOrWhiteSpace(text) ? "" : DestinationHttp.Snippet(text.Trim());
        var parts = new List<string>();
        if (body.TryGetProperty("error", out var error))
            parts.Add(error.ValueKind == JsonValueKind.Object
                ? string.Join(": ", new[] { DestinationJson.Text(error, "title"), DestinationJson.Text(error, "message") }.OfType<string>())
                : error.ToString());
        if (DestinationJson.Text(body, "description") is { } description) parts.Add(description);
        var details = Details(body).Take(5).ToList();
        var described = string.Join(": ", parts.Where(p => p.Length > 0));
        return DestinationHttp.Snippet(described + (details.Count > 0 ? $" ({string.Join("; ", details)})" : ""));
    }

    /// <summary>"field: description" for each entry of <c>details</c> (<c>{"email": [{"description": "..."}]}</c>).</summary>
    private static IEnumerable<string> Details(JsonElement body)
    {
        if (!body.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Object) yield break;
        foreach (var field in details.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.Array)
            {
                yield return $"{field.Name}: {field.Value}";
                continue;
            }
            foreach (var item in field.Value.EnumerateArray())
                yield return $"{field.Name}: {(item.ValueKind == JsonValueKind.Object ? DestinationJson.Text(item, "description") ?? DestinationJson.Text(item, "error") : item.ToString())}";
        }
    }

}
