using System.Text.Json;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// A finished job's results as per-row outcomes. Zendesk reports users in request order with status
/// <c>Created</c>, <c>Updated</c> or <c>Failed</c> (<c>error</c> + <c>details</c>); a result is taken by position unless
/// it names another user, then looked up by the match value. Delete results carry the user <c>id</c> and <c>success</c>.
/// </summary>
internal static class ZendeskJobResults
{
    public static IEnumerable<RowOutcome> ForUsers(ZendeskJobStatus job, IReadOnlyList<ZendeskUserInput> inputs, Func<string, string> scrub)
    {
        if (job.Results.Count == 0)
            return inputs.Select(i => job.Status == "completed"
                ? RowOutcome.Ok(i.Row.PrimaryKey) // completed without per-user results: written, ids unknown
                : RowOutcome.Rejected(i.Row.PrimaryKey, scrub(JobFailed(job))));
        return inputs.Select((input, index) => FindResult(job.Results, input, index) is { } result
            ? ForUser(result, input.Row.PrimaryKey, reason => input.MaskEmail(scrub(reason)))
            : NotReported(job, input.Row.PrimaryKey, scrub));
    }

    public static IEnumerable<RowOutcome> ForDeletes(ZendeskJobStatus job, IReadOnlyList<(RecordChange Row, string Id)> deletes, Func<string, string> scrub)
    {
        var byId = job.Results.Where(r => DestinationJson.Text(r, "id") is not null)
            .GroupBy(r => DestinationJson.Text(r, "id")!).ToDictionary(g => g.Key, g => g.First());
        return deletes.Select(d => byId.TryGetValue(d.Id, out var result)
            ? ForDelete(result, d.Row.PrimaryKey, scrub)
            : job.Status == "completed" && job.Results.Count == 0 ? RowOutcome.Ok(d.Row.PrimaryKey)
            : NotReported(job, d.Row.PrimaryKey, scrub));
    }

    private static JsonElement? FindResult(IReadOnlyList<JsonElement> results, ZendeskUserInput input, int index)
    {
        if (index < results.Count && !input.Contradicts(results[index])) return results[index];
        foreach (var result in results)
            if (input.IsNamedBy(result)) return result;
        return null;
    }

    private static RowOutcome ForUser(JsonElement result, string primaryKey, Func<string, string> scrub) =>
        DestinationJson.Text(result, "status") switch
        {
            "Failed" => RowOutcome.Rejected(primaryKey, scrub(Reason(result))),
            _ when result.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False =>
                RowOutcome.Rejected(primaryKey, scrub(Reason(result))),
            _ => RowOutcome.Ok(primaryKey, DestinationJson.Text(result, "id")),
        };

    private static RowOutcome ForDelete(JsonElement result, string primaryKey, Func<string, string> scrub) =>
        result.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False
        && DestinationJson.Text(result, "error") != "RecordNotFound" // already gone: nothing left to delete
            ? RowOutcome.Rejected(primaryKey, scrub(Reason(result)))
            : RowOutcome.Ok(primaryKey);

    private static RowOutcome NotReported(ZendeskJobStatus job, string primaryKey, Func<string, string> scrub) =>
        job.Status == "failed"
            ? RowOutcome.Rejected(primaryKey, scrub(JobFailed(job)))
            : new RowOutcome(primaryKey, RowStatus.Failed, null, $"Zendesk job {job.Id} did not report this row");

    private static string Reason(JsonElement result) =>
        string.Join(": ", new[] { DestinationJson.Text(result, "error"), DestinationJson.Text(result, "details") }.OfType<string>()) is { Length: > 0 } reason
            ? reason
            : "Zendesk refused this user without details";

    private static string JobFailed(ZendeskJobStatus job) => $"Zendesk job {job.Id} failed: {job.Message ?? "no message"}";
}
