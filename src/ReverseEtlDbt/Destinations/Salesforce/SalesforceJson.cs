using System.Text.Json;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>Reading Salesforce answers: REST errors are a JSON array of <c>{"errorCode", "message", "fields"?}</c>.</summary>
internal static class SalesforceJson
{
    /// <summary>"ERROR_CODE: message (fields: A, B)" for each error of an array (or a single error object), joined by "; ".</summary>
    public static string DescribeErrors(JsonElement errors)
    {
        var items = errors.ValueKind switch
        {
            JsonValueKind.Array => errors.EnumerateArray().ToList(),
            JsonValueKind.Object => [errors],
            _ => [],
        };
        var described = items.Select(Describe).Distinct().Take(5).ToList();
        return described.Count == 0 ? "no error details" : string.Join("; ", described);
    }

    /// <summary>The first <c>errorCode</c> (or per-record <c>statusCode</c>) of an error array.</summary>
    public static string? FirstCode(JsonElement errors) =>
        errors.ValueKind == JsonValueKind.Array
            ? errors.EnumerateArray().Select(e => DestinationJson.Text(e, "errorCode") ?? DestinationJson.Text(e, "statusCode")).FirstOrDefault(c => c is not null)
            : null;

    public static IEnumerable<JsonElement> Items(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
            : [];

    private static string Describe(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object) return error.ToString();
        var code = DestinationJson.Text(error, "errorCode") ?? DestinationJson.Text(error, "statusCode");
        var message = DestinationJson.Text(error, "message") ?? "no message";
        var fields = Items(error, "fields").Select(f => f.ToString()).Where(f => f.Length > 0).ToList();
        return (code is null ? "" : code + ": ") + message + (fields.Count > 0 ? $" (fields: {string.Join(", ", fields)})" : "");
    }
}
