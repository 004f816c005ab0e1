using System.Globalization;
using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// One Bulk API 2.0 ingest job: <c>Open</c> (takes CSV uploads) → <c>UploadComplete</c> (closed by the client) →
/// <c>InProgress</c> (at the first status read after closing, when its records are applied) → <c>JobComplete</c>, or
/// <c>Failed</c> / <c>Aborted</c>. Guarded by the emulator's store lock.
/// </summary>
public sealed class SalesforceBulkJob
{
    internal SalesforceBulkJob(string id, string sObject, string operation, string? externalIdField, DateTimeOffset created)
    {
        Id = id;
        SObject = sObject;
        Operation = operation;
        ExternalIdField = externalIdField;
        Created = created;
    }

    public string Id { get; }
    public string SObject { get; }
    public string Operation { get; }
    public string? ExternalIdField { get; }
    public DateTimeOffset Created { get; }
    public string State { get; internal set; } = "Open";
    public string? ErrorMessage { get; internal set; }

    /// <summary>The uploaded CSV's header and rows.</summary>
    public IReadOnlyList<string> Header { get; internal set; } = [];
    internal List<List<string>> Rows { get; } = [];

    /// <summary>Per row: <c>sf__Id</c> and <c>sf__Created</c> when saved, else <c>sf__Error</c>; none when unprocessed.</summary>
    internal List<(List<string> Row, string? Id, bool Created, string? Error)> Results { get; } = [];

    public int RecordCount => Rows.Count;

    internal JsonObject Info(string version) => new()
    {
        ["id"] = Id,
        ["operation"] = Operation,
        ["object"] = SObject,
        ["createdDate"] = Created.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        ["state"] = State,
        ["externalIdFieldName"] = ExternalIdField,
        ["concurrencyMode"] = "Parallel",
        ["contentType"] = "CSV",
        ["apiVersion"] = double.Parse(version, CultureInfo.InvariantCulture),
        ["jobType"] = "V2Ingest",
        ["contentUrl"] = $"services/data/v{version}/jobs/ingest/{Id}/batches",
        ["lineEnding"] = "LF",
        ["columnDelimiter"] = "COMMA",
        ["numberRecordsProcessed"] = Results.Count,
        ["numberRecordsFailed"] = Results.Count(r => r.Error is not null),
        ["errorMessage"] = ErrorMessage,
    };
}
