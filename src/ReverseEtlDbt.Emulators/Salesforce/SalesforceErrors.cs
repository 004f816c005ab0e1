using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>Salesforce's error shapes: REST errors as an array of <c>{"message", "errorCode"}</c>; per-record <c>{"statusCode", "message", "fields"}</c>.</summary>
internal static class SalesforceErrors
{
    public static JsonArray Rest(string errorCode, string message) =>
        [new JsonObject { ["message"] = message, ["errorCode"] = errorCode }];

    public static JsonObject Record(string statusCode, string message, params string[] fields) => new()
    {
        ["statusCode"] = statusCode,
        ["message"] = message,
        ["fields"] = new JsonArray(fields.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
    };

    public static JsonObject Failed(JsonObject error, string? id = null)
    {
        var result = new JsonObject { ["success"] = false, ["errors"] = new JsonArray(error) };
        if (id is not null) result["id"] = id;
        return result;
    }

    public static JsonObject RolledBack() => Failed(Record("ALL_OR_NONE_OPERATION_ROLLED_BACK",
        "Record rolled back because not all records were valid and the request was using AllOrNone header"));
}
