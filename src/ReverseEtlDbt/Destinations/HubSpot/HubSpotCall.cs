using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Destinations.HubSpot;

/// <summary>
/// The request one batch becomes: the endpoint (<c>upsert</c>, <c>update</c>, <c>create</c>, <c>archive</c>),
/// the inputs to send, and the rows answered without asking HubSpot (nothing to archive, nothing to match by).
/// </summary>
internal sealed record HubSpotCall(string Endpoint, IReadOnlyList<HubSpotInput> Inputs, IReadOnlyList<RowOutcome> Settled)
{
    public JsonObject Body() => new() { ["inputs"] = new JsonArray(Inputs.Select(i => (JsonNode)i.ToJson()).ToArray()) };

    public static HubSpotCall For(DestinationBatch batch)
    {
        var inputs = new List<HubSpotInput>();
        var settled = new List<RowOutcome>();
        var idProperty = batch.Sync.Match?.Field;
        foreach (var row in batch.Changes)
        {
            var input = batch.Operation switch
            {
                WriteOperation.Upsert when idProperty is not null && !string.IsNullOrEmpty(row.MatchValue) =>
                    new HubSpotInput(row, row.MatchValue, idProperty, row.IdempotencyKey, SendProperties: true),
                WriteOperation.Update when !string.IsNullOrEmpty(row.DestinationId) =>
                    new HubSpotInput(row, row.DestinationId, null, null, SendProperties: true),
                WriteOperation.Update when idProperty is not null && !string.IsNullOrEmpty(row.MatchValue) =>
                    new HubSpotInput(row, row.MatchValue, idProperty, null, SendProperties: true),
                WriteOperation.Insert => new HubSpotInput(row, null, null, row.IdempotencyKey, SendProperties: true),
                WriteOperation.Delete or WriteOperation.Archive when !string.IsNullOrEmpty(row.DestinationId) =>
                    new HubSpotInput(row, row.DestinationId, null, null, SendProperties: false),
                _ => null,
            };
            if (input is not null) inputs.Add(input);
            else settled.Add(Unsendable(batch.Operation, row, idProperty));
        }
        return new HubSpotCall(EndpointFor(batch.Operation), inputs, settled);
    }

    private static RowOutcome Unsendable(WriteOperation operation, RecordChange row, string? idProperty) => operation switch
    {
        // Never written by this sync, so there is nothing in HubSpot to remove.
        WriteOperation.Delete or WriteOperation.Archive => RowOutcome.Ok(row.PrimaryKey),
        _ when idProperty is null => RowOutcome.Rejected(row.PrimaryKey, "the sync has no 'match' to find the HubSpot record by"),
        _ => RowOutcome.Rejected(row.PrimaryKey, $"the match value for '{idProperty}' is empty"),
    };

    private static string EndpointFor(WriteOperation operation) => operation switch
    {
        WriteOperation.Upsert => "upsert",
        WriteOperation.Update => "update",
        WriteOperation.Insert => "create",
        WriteOperation.Delete or WriteOperation.Archive => "archive",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
