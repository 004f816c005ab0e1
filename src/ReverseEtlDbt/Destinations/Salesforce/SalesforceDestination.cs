using System.Globalization;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// Writes a batch through Salesforce's sObject Collections (≤ 200 records per request, <c>allOrNone: false</c>):
/// upsert by the sync's external id field for upsert, insert and mirror; update by record id (stored in state, else
/// looked up by external id with SOQL, never created); delete by the record ids this sync stored. Upsert batches over
/// <c>bulk_threshold</c> go through one Bulk API 2.0 job instead (<see cref="SalesforceBulkIngest"/>).
/// </summary>
/// <remarks>
/// Insert goes through upsert too: Salesforce has no idempotency key, and upsert by external id is the only write a
/// retry cannot duplicate. Per-record results map to rows (success → the record id; errors → rejected with the error
/// codes and messages, scrubbed of credentials). Auth, throttling and the rest are <see cref="SalesforceApi"/>'s.
/// </remarks>
public sealed class SalesforceDestination : IDestination
{
    private readonly SalesforceOptions options;
    private readonly SalesforceApi api;
    private readonly SalesforceBulkIngest bulk;

    public SalesforceDestination(string connectionName, SalesforceOptions options, DestinationContext context)
    {
        this.options = options;
        api = new SalesforceApi($"Salesforce connection '{connectionName}'", options, context);
        bulk = new SalesforceBulkIngest(api, context);
    }

    /// <summary>
    /// Upserts of more than <c>bulk_threshold</c> records go through one Bulk API 2.0 job; everything else through
    /// Collections, 200 records per request (a batch is larger than 200 only when <c>bulk_threshold</c> is set).
    /// </summary>
    public async Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Operation is WriteOperation.Upsert or WriteOperation.Insert && options.UsesBulk(batch.Changes.Count)
            && batch.Sync.Match?.Field is { Length: > 0 } externalId)
            return await BulkUpsertAsync(batch, externalId, cancellationToken);
        var rows = new List<RowOutcome>(batch.Changes.Count);
        foreach (var chunk in batch.Changes.Chunk(SalesforceOptions.CollectionSize))
            rows.AddRange((await WriteCollectionAsync(batch with { Changes = chunk }, cancellationToken)).Rows);
        return new BatchResult(rows);
    }

    private async Task<BatchResult> BulkUpsertAsync(DestinationBatch batch, string field, CancellationToken cancellationToken)
    {
        var sendable = batch.Changes.Where(r => !string.IsNullOrEmpty(r.MatchValue)).ToList();
        var empty = batch.Changes.Where(r => string.IsNullOrEmpty(r.MatchValue))
            .Select(r => RowOutcome.Rejected(r.PrimaryKey, $"the match value for external id field '{field}' is empty"));
        return new BatchResult([.. empty, .. await bulk.UpsertAsync(batch.Sync.Object, field, sendable, cancellationToken)]);
    }

    private async Task<BatchResult> WriteCollectionAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        var field = batch.Sync.Match?.Field;
        var call = batch.Operation switch
        {
            WriteOperation.Delete or WriteOperation.Archive => SalesforceCall.Delete(batch),
            _ when string.IsNullOrEmpty(field) => null,
            WriteOperation.Update => await UpdateCallAsync(batch, field, cancellationToken),
            _ => SalesforceCall.Upsert(batch, field),
        };
        if (call is null)
            return new BatchResult(batch.Changes.Select(r => RowOutcome.Rejected(r.PrimaryKey, "the sync has no 'match' naming the external id field")).ToList());
        if (call.Rows.Count == 0) return new BatchResult(call.Settled);

        var answer = await api.SendAsync(call.Method, call.Path, call.Body, cancellationToken);
        if (answer.IsSuccess && !SalesforceResponseReader.IsCollectionAnswer(answer.Body))
            throw DestinationBody.Unreadable(api.Name, answer.Status, "sObject Collections JSON (one result object per record)", api.Scrub(answer.Text));
        var rows = answer.IsSuccess
            ? SalesforceResponseReader.Read(answer.Body, call.Rows, call.Method == HttpMethod.Delete, api.Scrub)
            : call.Rows.Select(r => RowOutcome.Rejected(r.PrimaryKey,
                $"{answer.Status.ToString(CultureInfo.InvariantCulture)} {api.Scrub(SalesforceJson.DescribeErrors(answer.Body))}")).ToList();
        return new BatchResult([.. call.Settled, .. rows]);
    }

    public ValueTask DisposeAsync()
    {
        api.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<SalesforceCall> UpdateCallAsync(DestinationBatch batch, string field, CancellationToken cancellationToken)
    {
        var unknown = batch.Changes.Where(r => string.IsNullOrEmpty(r.DestinationId) && !string.IsNullOrEmpty(r.MatchValue)).ToList();
        var (found, refused) = unknown.Count == 0
            ? (new Dictionary<string, string>(), null)
            : await SalesforceIdLookup.FindAsync(api, batch.Sync.Object, field, unknown.Select(r => r.MatchValue!), cancellationToken);
        var ids = new List<(RecordChange, string)>();
        var settled = new List<RowOutcome>();
        foreach (var row in batch.Changes)
        {
            if (!string.IsNullOrEmpty(row.DestinationId)) ids.Add((row, row.DestinationId));
            else if (string.IsNullOrEmpty(row.MatchValue))
                settled.Add(RowOutcome.Rejected(row.PrimaryKey, $"the match value for external id field '{field}' is empty"));
            else if (refused is not null) settled.Add(RowOutcome.Rejected(row.PrimaryKey, refused));
            else if (found.TryGetValue(row.MatchValue, out var id)) ids.Add((row, id));
            else settled.Add(RowOutcome.Rejected(row.PrimaryKey,
                $"no {batch.Sync.Object} record has {field} equal to this row's match value; update mode never creates records (use upsert)"));
        }
        return SalesforceCall.Update(batch, ids, settled);
    }
}
