using System.Text.Json;

namespace ReverseEtlDbt.Destinations.Http;

/// <summary>Reading an HTTP destination's answer body as JSON without trusting it to be JSON.</summary>
internal static class DestinationJson
{
    /// <summary>The response body as <see cref="Parse"/> reads it, at most <paramref name="limit"/> bytes (<see cref="DestinationBody.ReadAsync"/>).</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string destination, long limit, CancellationToken cancellationToken) =>
        Parse(await DestinationBody.ReadAsync(response, destination, limit, cancellationToken));

    /// <summary>
    /// The JSON in <paramref name="text"/>, or an undefined element when it is empty or not JSON (an error page,
    /// Zendesk's text/plain errors, Salesforce's CSV results), so callers check <see cref="JsonElement.ValueKind"/>.
    /// </summary>
    public static JsonElement Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return default;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>Property <paramref name="name"/> of an object as text (a number or boolean as written); null when absent, null or not an object.</summary>
    public static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value)
        && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.ToString()
            : null;
}
