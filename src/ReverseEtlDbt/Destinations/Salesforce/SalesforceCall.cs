using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// The sObject Collections request one batch becomes, with the rows it carries in request order (Salesforce answers
/// per record in that order) and the rows settled without asking (nothing to delete, no key to write by).
/// </summary>
internal sealed record SalesforceCall(HttpMethod Method, string Path, JsonObject? Body, IReadOnlyList<RecordChange> Rows, IReadOnlyList<RowOutcome> Settled)
{
    /// <summary>Upsert by external id: <c>PATCH composite/sobjects/{sObject}/{field}</c>; records carry the field, never <c>Id</c>.</summary>
    public static SalesforceCall Upsert(DestinationBatch batch, string externalIdField)
    {
        var rows = new List<RecordChange>();
        var settled = new List<RowOutcome>();
        foreach (var row in batch.Changes)
            if (string.IsNullOrEmpty(row.MatchValue))
                settled.Add(RowOutcome.Rejected(row.PrimaryKey, $"the match value for external id field '{externalIdField}' is empty"));
            else rows.Add(row);
        var records = rows.Select(row => Record(batch.Sync.Object, row, record => record[externalIdField] = row.MatchValue));
        return new SalesforceCall(HttpMethod.Patch,
            $"composite/sobjects/{Uri.EscapeDataString(batch.Sync.Object)}/{Uri.EscapeDataString(externalIdField)}",
            RecordsBody(records), rows, settled);
    }

    /// <summary>Update by record id: <c>PATCH composite/sobjects</c>; <paramref name="ids"/> holds each row's id.</summary>
    public static SalesforceCall Update(DestinationBatch batch, IReadOnlyList<(RecordChange Row, string Id)> ids, IReadOnlyList<RowOutcome> settled)
    {
        var records = ids.Select(pair => Record(batch.Sync.Object, pair.Row, record => record["id"] = pair.Id));
        return new SalesforceCall(HttpMethod.Patch, "composite/sobjects", RecordsBody(records), ids.Select(p => p.Row).ToList(), settled);
    }

    /// <summary>
    /// Delete by the record ids this sync stored: <c>DELETE composite/sobjects?ids=…&amp;allOrNone=false</c>. A row without
    /// a stored id was never written by this sync, so there is nothing of its own to remove.
    /// </summary>
    public static SalesforceCall Delete(DestinationBatch batch)
    {
        var rows = batch.Changes.Where(r => !string.IsNullOrEmpty(r.DestinationId)).ToList();
        var settled = batch.Changes.Where(r => string.IsNullOrEmpty(r.DestinationId)).Select(r => RowOutcome.Ok(r.PrimaryKey)).ToList();
        var ids = string.Join(",", rows.Select(r => Uri.EscapeDataString(r.DestinationId!)));
        return new SalesforceCall(HttpMethod.Delete, $"composite/sobjects?ids={ids}&allOrNone=false", null, rows, settled);
    }

    private static JsonObject Record(string sObject, RecordChange row, Action<JsonObject> key)
    {
        var record = new JsonObject { ["attributes"] = new JsonObject { ["type"] = sObject } };
        foreach (var (field, value) in row.Fields) record[field] = SalesforceFieldValue.ToJson(value);
        key(record);
        return record;
    }

    private static JsonObject RecordsBody(IEnumerable<JsonObject> records) =>
        new() { ["allOrNone"] = false, ["records"] = new JsonArray(records.Select(r => (JsonNode)r).ToArray()) };
}
