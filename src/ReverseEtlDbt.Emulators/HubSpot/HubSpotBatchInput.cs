using System.Text.Json;

namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>One item of a batch request's <c>inputs</c>, with property values read as HubSpot reads them (strings).</summary>
internal sealed record HubSpotBatchInput(
    int Index,
    string? Id,
    string? IdProperty,
    IReadOnlyDictionary<string, string> Properties,
    string? TraceId)
{
    /// <summary>
    /// Reads <c>{"inputs": [...]}</c>; <c>null</c> when the body is not that shape. <paramref name="queryIdProperty"/>
    /// (the <c>idProperty</c> query parameter) applies to inputs that do not name their own.
    /// </summary>
    public static IReadOnlyList<HubSpotBatchInput>? ParseAll(JsonElement body, string? queryIdProperty)
    {
        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
            return null;
        var parsed = new List<HubSpotBatchInput>();
        foreach (var input in inputs.EnumerateArray())
        {
            if (input.ValueKind != JsonValueKind.Object) return null;
            parsed.Add(new HubSpotBatchInput(
                parsed.Count,
                Text(input, "id"),
                Text(input, "idProperty") ?? queryIdProperty,
                ReadProperties(input),
                Text(input, "objectWriteTraceId")));
        }
        return parsed;
    }

    /// <summary>The context that ties an error to this input (see <see cref="HubSpotJson.InputError"/>).</summary>
    public IReadOnlyDictionary<string, string> Context()
    {
        var context = new Dictionary<string, string>();
        if (Id is not null) context["id"] = Id;
        if (TraceId is not null) context["objectWriteTraceId"] = TraceId;
        return context;
    }

    private static string? Text(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) ? AsString(value) : null;

    private static Dictionary<string, string> ReadProperties(JsonElement input)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (input.TryGetProperty("properties", out var json) && json.ValueKind == JsonValueKind.Object)
            foreach (var property in json.EnumerateObject())
                properties[property.Name] = AsString(property.Value) ?? "";
        return properties;
    }

    private static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
