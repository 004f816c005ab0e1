using System.Globalization;
using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>The JSON bodies HubSpot documents: batch results, per-input errors and the standard error body.</summary>
internal static class HubSpotJson
{
    public static JsonObject Error(string category, string message, JsonArray? errors = null, string? subCategory = null)
    {
        var body = new JsonObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = Guid.NewGuid().ToString(),
            ["category"] = category,
        };
        if (subCategory is not null) body["subCategory"] = subCategory;
        if (errors is not null) body["errors"] = errors;
        return body;
    }

    /// <summary>The documented 429 body: <c>errorType: RATE_LIMIT</c> and the policy that was exceeded.</summary>
    public static JsonObject RateLimited(string policyName, string message) => new()
    {
        ["status"] = "error",
        ["message"] = message,
        ["errorType"] = "RATE_LIMIT",
        ["correlationId"] = Guid.NewGuid().ToString(),
        ["policyName"] = policyName,
        ["requestId"] = Guid.NewGuid().ToString(),
    };

    /// <summary>One item of <c>errors[]</c> (in a 400 body or a 207's per-input list).</summary>
    public static JsonObject Detail(string message, string code, string? property = null)
    {
        var detail = new JsonObject { ["message"] = message, ["code"] = code };
        if (property is not null) detail["in"] = property;
        return detail;
    }

    /// <summary>
    /// A per-input error of a batch response. <paramref name="context"/> names the input it belongs to:
    /// <c>{"id": ["&lt;input id&gt;"]}</c> for upsert, update, archive and read, and
    /// <c>{"objectWriteTraceId": ["&lt;trace id&gt;"]}</c> for create (both when an upsert input carries a trace id).
    /// </summary>
    public static JsonObject InputError(string category, string message, IReadOnlyDictionary<string, string> context, JsonArray details)
    {
        var contextJson = new JsonObject();
        foreach (var (key, value) in context) contextJson[key] = new JsonArray(value);
        return new JsonObject
        {
            ["status"] = "error",
            ["category"] = category,
            ["message"] = message,
            ["context"] = contextJson,
            ["errors"] = details,
        };
    }

    public static JsonObject Result(HubSpotRecord record, bool? isNew, string? traceId)
    {
        var properties = new JsonObject { [HubSpotStore.RecordIdProperty] = record.Id };
        foreach (var (key, value) in record.Properties) properties[key] = value;
        var result = new JsonObject
        {
            ["id"] = record.Id,
            ["properties"] = properties,
            ["createdAt"] = Timestamp(record.CreatedAt),
            ["updatedAt"] = Timestamp(record.UpdatedAt),
            ["archived"] = record.Archived,
        };
        if (isNew is { } created) result["new"] = created;
        if (traceId is not null) result["objectWriteTraceId"] = traceId;
        return result;
    }

    public static JsonObject BatchResponse(JsonArray results, JsonArray errors, DateTimeOffset startedAt, DateTimeOffset completedAt)
    {
        var body = new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = results,
            ["startedAt"] = Timestamp(startedAt),
            ["completedAt"] = Timestamp(completedAt),
            ["links"] = new JsonObject(),
        };
        if (errors.Count > 0)
        {
            body["numErrors"] = errors.Count;
            body["errors"] = errors;
        }
        return body;
    }

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
