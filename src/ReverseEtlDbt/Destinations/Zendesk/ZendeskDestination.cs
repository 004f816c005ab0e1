using System.Text.Json.Nodes;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// Writes a batch of users to Zendesk Support: upserts through <c>POST /api/v2/users/create_or_update_many</c>
/// (matched by <c>external_id</c> or <c>email</c>), mirror deletes through <c>DELETE /api/v2/users/destroy_many?ids=</c>
/// for the users this sync wrote. Both are asynchronous: the batch is acknowledged only once its job finished, with
/// one outcome per row from the job's results. One bulk call per batch (≤ 100 users); the engine sizes batches.
/// </summary>
/// <remarks>
/// Answers: a 400/422 to the bulk call rejects every row with Zendesk's explanation; a <c>Failed</c> job result rejects
/// only its row; 429 and 5xx are transient (retry after <c>Retry-After</c>); 401/403 raise
/// <see cref="DestinationAuthException"/>. Secrets are only ever in the <c>Authorization</c> header and are scrubbed
/// from anything Zendesk says.
/// </remarks>
public sealed class ZendeskDestination : IDestination
{
    public const string UsersObject = "users";
    internal static readonly string[] MatchFields = ["external_id", "email"];

    private readonly string name;
    private readonly ZendeskOptions options;
    private readonly ZendeskClient client;
    private readonly ZendeskJobPoller poller;

    public ZendeskDestination(string connectionName, ZendeskOptions options, DestinationContext context)
    {
        name = $"Zendesk connection '{connectionName}'";
        this.options = options;
        client = new ZendeskClient(name, options, context);
        poller = new ZendeskJobPoller(client, options, context);
    }

    public async Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        if (!string.Equals(batch.Sync.Object, UsersObject, StringComparison.Ordinal))
            throw new DestinationFatalException(
                $"{name}: sync '{batch.Sync.Id}' writes object '{batch.Sync.Object}', but Zendesk destinations only write 'users'. Set `object: users`.");
        return batch.Operation switch
        {
            WriteOperation.Upsert => await UpsertAsync(batch, cancellationToken),
            WriteOperation.Delete => await DeleteAsync(batch, cancellationToken),
            var other => throw new DestinationFatalException(
                $"{name}: sync '{batch.Sync.Id}' asks for {other.ToString().ToLowerInvariant()}, which Zendesk destinations do not do. Use mode upsert or mirror."),
        };
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<BatchResult> UpsertAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        var field = batch.Sync.Match?.Field;
        if (field is null || !MatchFields.Contains(field))
            throw new DestinationFatalException(
                $"{name}: sync '{batch.Sync.Id}' matches users by '{field ?? "nothing"}'; Zendesk matches users by external_id or email. " +
                "Set `match: {column: <model column>, field: external_id}` (or `field: email`).");
        var inputs = new List<ZendeskUserInput>();
        var settled = new List<RowOutcome>();
        foreach (var row in batch.Changes)
            if (string.IsNullOrEmpty(row.MatchValue)) settled.Add(RowOutcome.Rejected(row.PrimaryKey, $"the match value for '{field}' is empty"));
            else inputs.Add(new ZendeskUserInput(row, field, row.MatchValue));
        if (inputs.Count == 0) return new BatchResult(settled);

        var body = new JsonObject { ["users"] = new JsonArray(inputs.Select(i => (JsonNode)i.ToJson()).ToArray()) };
        var job = await SubmitAsync(HttpMethod.Post, "api/v2/users/create_or_update_many", body, inputs.Select(i => i.Row), cancellationToken);
        if (job.Rejected is { } rejected) return new BatchResult([.. settled, .. rejected]);
        var finished = await poller.WaitAsync(job.Status!, cancellationToken);
        return new BatchResult([.. settled, .. ZendeskJobResults.ForUsers(finished, inputs, options.Credentials.Scrub)]);
    }

    private async Task<BatchResult> DeleteAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        var deletes = new List<(RecordChange Row, string Id)>();
        var settled = new List<RowOutcome>();
        foreach (var row in batch.Changes)
            // A row without a Zendesk id was never written by this sync: there is nothing of ours to delete.
            if (long.TryParse(row.DestinationId, out _)) deletes.Add((row, row.DestinationId!));
            else settled.Add(RowOutcome.Ok(row.PrimaryKey));
        if (deletes.Count == 0) return new BatchResult(settled);

        var path = "api/v2/users/destroy_many?ids=" + string.Join(',', deletes.Select(d => d.Id));
        var job = await SubmitAsync(HttpMethod.Delete, path, null, deletes.Select(d => d.Row), cancellationToken);
        if (job.Rejected is { } rejected) return new BatchResult([.. settled, .. rejected]);
        var finished = await poller.WaitAsync(job.Status!, cancellationToken);
        return new BatchResult([.. settled, .. ZendeskJobResults.ForDeletes(finished, deletes, options.Credentials.Scrub)]);
    }

    /// <summary>Makes the bulk call: its job, or every row rejected when Zendesk refuses the request as invalid.</summary>
    private async Task<Submitted> SubmitAsync(HttpMethod method, string path, JsonNode? body, IEnumerable<RecordChange> rows, CancellationToken cancellationToken)
    {
        var response = await client.SendAsync(method, path, body, cancellationToken);
        if (response.Status is 400 or 422)
            return new Submitted(null, rows.Select(r => RowOutcome.Rejected(r.PrimaryKey, $"{response.Status} {response.Detail}")).ToList());
        if (!response.IsSuccess)
            throw new DestinationFatalException($"{name}: {response.Status} on {method.Method} {path.Split('?')[0]}: {response.Detail}", response.Status);
        return new Submitted(ZendeskJobStatus.Read(response.Body)
            ?? throw DestinationBody.Unreadable(name, response.Status, $"job_status JSON for {path.Split('?')[0]}", response.Text), null);
    }

    private sealed record Submitted(ZendeskJobStatus? Status, IReadOnlyList<RowOutcome>? Rejected);
}
