using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// Bulk API 2.0 ingest of one batch as an upsert job: create, upload the CSV, close (<c>UploadComplete</c>), poll
/// until <c>JobComplete</c>, <c>Failed</c> or <c>Aborted</c>, then read <c>successfulResults</c> and
/// <c>failedResults</c> and match them to rows by external id (their order is not guaranteed).
/// </summary>
/// <remarks>
/// Successful records are acknowledged with <c>sf__Id</c>; failed ones rejected with <c>sf__Error</c>; records in
/// neither (a failed or aborted job, <c>unprocessedrecords</c>) are left unacknowledged and re-sent next run. A job
/// re-sent after a timeout re-applies the same upserts, which is harmless. The poll waits on the engine's clock.
/// </remarks>
internal sealed class SalesforceBulkIngest(SalesforceApi api, DestinationContext context)
{
    public static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(10);
    private static readonly string[] Ended = ["JobComplete", "Failed", "Aborted"];

    public async Task<IReadOnlyList<RowOutcome>> UpsertAsync(string sObject, string field, IReadOnlyList<RecordChange> rows, CancellationToken cancellationToken)
    {
        var created = await api.SendAsync(HttpMethod.Post, "jobs/ingest", new JsonObject
        {
            ["object"] = sObject, ["operation"] = "upsert", ["externalIdFieldName"] = field,
            ["contentType"] = "CSV", ["lineEnding"] = "LF", ["columnDelimiter"] = "COMMA",
        }, cancellationToken);
        if (Refusal(created, "creating the Bulk API job") is { } createRefused) return RejectAll(rows, createRefused);
        var job = DestinationJson.Text(created.Body, "id")
                  ?? throw DestinationBody.Unreadable(api.Name, created.Status, "Bulk API job JSON (id)", api.Scrub(created.Text));

        var csv = SalesforceCsv.Write(field, rows);
        var uploaded = await api.SendAsync(HttpMethod.Put, $"jobs/ingest/{job}/batches",
            () => new StringContent(csv, Encoding.UTF8, "text/csv"), "application/json", cancellationToken);
        if (Refusal(uploaded, $"uploading to Bulk API job {job}") is { } uploadRefused) return RejectAll(rows, uploadRefused);
        var closed = await api.SendAsync(HttpMethod.Patch, $"jobs/ingest/{job}", new JsonObject { ["state"] = "UploadComplete" }, cancellationToken);
        if (Refusal(closed, $"closing Bulk API job {job}") is { } closeRefused) return RejectAll(rows, closeRefused);

        var (state, message) = await PollAsync(job, cancellationToken);
        var successful = await ResultsAsync(job, "successfulResults", cancellationToken);
        var failed = await ResultsAsync(job, "failedResults", cancellationToken);
        return Match(rows, field, successful, failed, $"Bulk API job {job} ended {state} before processing this record" + (message is null ? "" : $": {message}"));
    }

    /// <summary>
    /// Polls until the job ends, at doubling intervals, for at most the connection's <c>max_retry_wait</c>: a job still
    /// running then fails the batch (nothing recorded, sent again next run). Waits end at once on cancellation or a stop.
    /// </summary>
    private async Task<(string State, string? Message)> PollAsync(string job, CancellationToken cancellationToken)
    {
        using var waits = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Stopping);
        var deadline = context.Time.GetUtcNow() + context.MaxWait;
        var wait = FirstPoll;
        while (true)
        {
            var info = await api.SendAsync(HttpMethod.Get, $"jobs/ingest/{job}", null, cancellationToken);
            var state = DestinationJson.Text(info.Body, "state")
                        ?? (info.IsSuccess ? throw DestinationBody.Unreadable(api.Name, info.Status, $"Bulk API job JSON (state) for job {job}", api.Scrub(info.Text)) : "unknown");
            if (!info.IsSuccess || Ended.Contains(state))
                return (state, DestinationJson.Text(info.Body, "errorMessage") is { } m ? api.Scrub(m) : null);
            var left = deadline - context.Time.GetUtcNow();
            if (left <= TimeSpan.Zero)
                throw new DestinationFatalException(
                    $"{api.Name}: Bulk API job {job} was still '{state}' after {context.MaxWait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s, " +
                    "the connection's max_retry_wait; its rows are not recorded and are sent next run (raise 'max_retry_wait' if the org's Bulk queue is this slow)");
            await Task.Delay(wait < left ? wait : left, context.Time, waits.Token);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxPoll.Ticks));
        }
    }

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ResultsAsync(string job, string kind, CancellationToken cancellationToken)
    {
        var answer = await api.SendAsync(HttpMethod.Get, $"jobs/ingest/{job}/{kind}/", null, "text/csv", cancellationToken);
        return answer.IsSuccess ? SalesforceCsv.Read(answer.Text) : [];
    }

    private IReadOnlyList<RowOutcome> Match(
        IReadOnlyList<RecordChange> rows, string field,
        IReadOnlyList<IReadOnlyDictionary<string, string>> successful, IReadOnlyList<IReadOnlyDictionary<string, string>> failed, string unprocessed)
    {
        var open = rows.GroupBy(r => r.MatchValue ?? "", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new Queue<RecordChange>(g), StringComparer.OrdinalIgnoreCase);
        var outcomes = new List<RowOutcome>();
        foreach (var (results, ok) in new[] { (successful, true), (failed, false) })
            foreach (var result in results)
                if (open.TryGetValue(result.GetValueOrDefault(field) ?? "", out var waiting) && waiting.TryDequeue(out var row))
                    outcomes.Add(ok
                        ? RowOutcome.Ok(row.PrimaryKey, result.GetValueOrDefault("sf__Id") is { Length: > 0 } id ? id : null)
                        : RowOutcome.Rejected(row.PrimaryKey, api.Scrub(result.GetValueOrDefault("sf__Error") ?? "failed without an error")));
        outcomes.AddRange(open.Values.SelectMany(q => q).Select(r => new RowOutcome(r.PrimaryKey, RowStatus.Failed, null, unprocessed)));
        return outcomes;
    }

    private string? Refusal(SalesforceAnswer answer, string step) => answer.IsSuccess
        ? null
        : $"{step}: {answer.Status.ToString(CultureInfo.InvariantCulture)} {api.Scrub(SalesforceJson.DescribeErrors(answer.Body))}";

    private static IReadOnlyList<RowOutcome> RejectAll(IReadOnlyList<RecordChange> rows, string reason) =>
        rows.Select(r => RowOutcome.Rejected(r.PrimaryKey, reason)).ToList();
}
