using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>The JSON bodies Zendesk answers with: errors (<c>error</c>, <c>description</c>, <c>details</c>) and job statuses.</summary>
internal static class ZendeskJson
{
    public static JsonObject Error(string error, string? description = null, JsonObject? details = null)
    {
        var body = new JsonObject { ["error"] = error };
        if (description is not null) body["description"] = description;
        if (details is not null) body["details"] = details;
        return body;
    }

    /// <summary>The documented validation shape: 422 <c>RecordInvalid</c> with details per field.</summary>
    public static JsonObject RecordInvalid(string field, string error, string description) =>
        Error("RecordInvalid", "Record validation errors", new JsonObject
        {
            [field] = new JsonArray(new JsonObject { ["description"] = description, ["error"] = error }),
        });

    public static JsonObject JobStatus(JsonObject job) => new() { ["job_status"] = job };
}
