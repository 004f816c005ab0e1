using System.Text.Json;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// A bulk call's <c>job_status</c>: <c>queued</c> or <c>working</c> until it is <c>completed</c> or <c>failed</c>.
/// Results come per input item; every result field is optional.
/// </summary>
internal sealed record ZendeskJobStatus(string Id, string Status, string? Message, IReadOnlyList<JsonElement> Results)
{
    public bool IsFinished => Status is "completed" or "failed";

    /// <summary>The <c>job_status</c> of an answer; <c>null</c> when it has none, no id, or results that are not objects.</summary>
    public static ZendeskJobStatus? Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("job_status", out var job)
            || DestinationJson.Text(job, "id") is not { } id) return null;
        var results = job.TryGetProperty("results", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(r => r.Clone()).ToList()
            : [];
        if (results.Any(r => r.ValueKind != JsonValueKind.Object)) return null;
        return new ZendeskJobStatus(id, DestinationJson.Text(job, "status") ?? "queued", DestinationJson.Text(job, "message"), results);
    }
}
