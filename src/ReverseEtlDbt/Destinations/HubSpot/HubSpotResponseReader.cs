using System.Text.Json;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.HubSpot;

/// <summary>
/// Reads HubSpot batch answers into per-row outcomes. Any 2xx may carry <c>errors[]</c> (HubSpot documents 207 for
/// create and clients see it for update/upsert), so results and errors are traced back to inputs by
/// <c>objectWriteTraceId</c>, record id or <c>idProperty</c> value, and by the strings in each error's <c>context</c>.
/// </summary>
internal static class HubSpotResponseReader
{
    public static IReadOnlyList<RowOutcome> Read(JsonElement body, IReadOnlyList<HubSpotInput> inputs)
    {
        var outcomes = new RowOutcome?[inputs.Count];
        var untraced = new List<string>();
        foreach (var error in Items(body, "errors"))
        {
            var context = ContextValues(error);
            var matched = false;
            for (var i = 0; i < inputs.Count; i++)
                if (outcomes[i] is null && Mentions(context, inputs[i]))
                {
                    outcomes[i] = RowOutcome.Rejected(inputs[i].Row.PrimaryKey, Describe(error));
                    matched = true;
                }
            if (!matched) untraced.Add(Describe(error));
        }

        var unmatchedResults = 0;
        foreach (var result in Items(body, "results"))
        {
            var index = FindInput(result, inputs, outcomes);
            if (index < 0) unmatchedResults++;
            else outcomes[index] = RowOutcome.Ok(inputs[index].Row.PrimaryKey, DestinationJson.Text(result, "id"));
        }

        var open = outcomes.Count(o => o is null);
        return inputs.Select((input, i) => outcomes[i] ?? (
            untraced.Count > 0 ? RowOutcome.Rejected(input.Row.PrimaryKey, untraced[0])
            // As many anonymous results as open rows and no error: all were written; the ids stay unknown.
            : unmatchedResults == open ? RowOutcome.Ok(input.Row.PrimaryKey)
            : new RowOutcome(input.Row.PrimaryKey, RowStatus.Failed, null, "HubSpot's answer did not mention this row")))
            .ToList();
    }

    /// <summary>Whether a success body has the documented batch shape: an object with a <c>results</c> or <c>errors</c> array.</summary>
    public static bool IsBatchAnswer(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
        && (Has(body, "results") || Has(body, "errors"));

    private static bool Has(JsonElement body, string name) =>
        body.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array;

    /// <summary>The <c>policyName</c> of a 429 body (<c>DAILY</c> for the daily limit), or null.</summary>
    public static string? PolicyName(JsonElement error) =>
        error.ValueKind == JsonValueKind.Object ? DestinationJson.Text(error, "policyName") : null;

    /// <summary>"CATEGORY: message (detail; detail)" from a HubSpot error body or error item.</summary>
    public static string Describe(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object) return "no error details";
        var category = DestinationJson.Text(error, "category") ?? DestinationJson.Text(error, "errorType");
        var message = DestinationJson.Text(error, "message") ?? "no message";
        var details = Items(error, "errors").Select(d => DestinationJson.Text(d, "message")).OfType<string>()
            .Where(d => !message.Contains(d, StringComparison.Ordinal)).Take(5).ToList();
        return (category is null ? "" : category + ": ") + message + (details.Count > 0 ? $" ({string.Join("; ", details)})" : "");
    }

    private static int FindInput(JsonElement result, IReadOnlyList<HubSpotInput> inputs, RowOutcome?[] outcomes)
    {
        var id = DestinationJson.Text(result, "id");
        var traceId = DestinationJson.Text(result, "objectWriteTraceId");
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (outcomes[i] is not null) continue;
            if (traceId is not null && traceId == input.TraceId) return i;
            if (input.IsRecordId && id == input.Id) return i;
            if (input.IdProperty is not null && result.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object
                && string.Equals(DestinationJson.Text(properties, input.IdProperty), input.Id, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    private static bool Mentions(HashSet<string> context, HubSpotInput input) =>
        input.Id is not null && context.Contains(input.Id) || input.TraceId is not null && context.Contains(input.TraceId);

    /// <summary>Every string in an error's <c>context</c> (<c>{"id": [...]}</c>, <c>{"objectWriteTraceId": [...]}</c>, …).</summary>
    private static HashSet<string> ContextValues(JsonElement error)
    {
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (error.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object)
            foreach (var entry in context.EnumerateObject())
                if (entry.Value.ValueKind == JsonValueKind.Array)
                    values.UnionWith(entry.Value.EnumerateArray().Select(v => v.ToString()));
                else values.Add(entry.Value.ToString());
        return values;
    }

    private static IEnumerable<JsonElement> Items(JsonElement body, string name)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var items) || items.ValueKind != JsonValueKind.Array)
            yield break;
        foreach (var item in items.EnumerateArray()) yield return item;
    }
}
