using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// The SQL API's response bodies: ResultSet (200), QueryStatus (202, and 408 with the timeout's code), QueryFailureStatus
/// (422) and a further partition (<c>{"data": [...]}</c> only). <c>statementStatusUrl</c> is relative, as in Snowflake's examples.
/// </summary>
internal static class SnowflakeJson
{
    public const string InProgressMessage =
        "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.";

    public static JsonObject ResultSet(SnowflakeStatement statement, SnowflakeResult result)
    {
        var partitions = result.Partitions;
        var body = new JsonObject
        {
            ["code"] = "090001",
            ["sqlState"] = "00000",
            ["message"] = "Statement executed successfully.",
            ["statementHandle"] = statement.Handle,
            ["statementStatusUrl"] = StatusUrl(statement),
            ["createdOn"] = statement.CreatedOn.ToUnixTimeMilliseconds(),
            ["resultSetMetaData"] = new JsonObject
            {
                ["numRows"] = result.Rows.Count,
                ["format"] = "jsonv2",
                ["rowType"] = new JsonArray(result.Columns.Select(RowType).ToArray<JsonNode?>()),
                ["partitionInfo"] = new JsonArray(partitions.Select(p => (JsonNode?)new JsonObject
                {
                    ["rowCount"] = p.Count,
                    ["uncompressedSize"] = System.Text.Encoding.UTF8.GetByteCount(Rows(p).ToJsonString()),
                }).ToArray()),
            },
            ["data"] = Rows(partitions[0]),
        };
        if (result.Stats is { } stats)
            body["stats"] = new JsonObject
            {
                ["numRowsInserted"] = stats.Inserted,
                ["numRowsUpdated"] = stats.Updated,
                ["numRowsDeleted"] = stats.Deleted,
                ["numDuplicateRowsUpdated"] = 0,
            };
        if (result.StatementHandles is { } handles) body["statementHandles"] = new JsonArray(handles.Select(h => (JsonNode?)h).ToArray());
        return body;
    }

    public static JsonObject Partition(IReadOnlyList<string?[]> rows) => new() { ["data"] = Rows(rows) };

    public static JsonObject InProgress(SnowflakeStatement statement) => new()
    {
        ["code"] = "333334",
        ["message"] = InProgressMessage,
        ["statementHandle"] = statement.Handle,
        ["statementStatusUrl"] = StatusUrl(statement),
    };

    /// <summary>The 408 answer: a QueryStatus carrying the timeout's error.</summary>
    public static JsonObject TimedOut(SnowflakeStatement statement, SnowflakeError error) => new()
    {
        ["code"] = error.Code,
        ["sqlState"] = error.SqlState,
        ["message"] = error.Message,
        ["statementHandle"] = statement.Handle,
        ["statementStatusUrl"] = StatusUrl(statement),
    };

    public static JsonObject Failure(SnowflakeStatement statement, SnowflakeError error) => new()
    {
        ["code"] = error.Code,
        ["sqlState"] = error.SqlState,
        ["message"] = error.Message,
        ["statementHandle"] = statement.Handle,
        ["createdOn"] = statement.CreatedOn.ToUnixTimeMilliseconds(),
        ["statementStatusUrl"] = StatusUrl(statement),
    };

    public static JsonObject Canceled(SnowflakeStatement statement) => new()
    {
        ["code"] = "000000",
        ["sqlState"] = "00000",
        ["message"] = "successfully canceled",
        ["statementHandle"] = statement.Handle,
        ["statementStatusUrl"] = StatusUrl(statement),
    };

    public static JsonObject Error(string code, string message) => new() { ["code"] = code, ["message"] = message };

    private static string StatusUrl(SnowflakeStatement statement) => "/api/v2/statements/" + statement.Handle;

    private static JsonObject RowType(SnowflakeColumn column) => new()
    {
        ["name"] = column.Name,
        ["type"] = column.Type,
        ["precision"] = column.Precision,
        ["scale"] = column.Scale,
        ["length"] = column.Length,
        ["nullable"] = column.Nullable,
    };

    private static JsonArray Rows(IReadOnlyList<string?[]> rows) =>
        new(rows.Select(r => (JsonNode?)new JsonArray(r.Select(c => c is null ? null : (JsonNode)JsonValue.Create(c)).ToArray())).ToArray());
}
