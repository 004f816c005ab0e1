namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

/// <summary>Canned SQL API bodies, shaped as Snowflake's reference documents them.</summary>
internal static class SnowflakeJson
{
    public const string IdColumn = """{"name": "ID", "type": "fixed", "precision": 38, "scale": 0, "nullable": false}""";
    public const string NameColumn = """{"name": "NAME", "type": "text", "length": 16777216, "nullable": true}""";

    public static string ResultSet(string handle, string rowType, string data, string? partitionInfo = null, string? stats = null) => $$"""
        {"code": "090001", "sqlState": "00000", "message": "Statement executed successfully.",
         "statementHandle": "{{handle}}", "statementStatusUrl": "/api/v2/statements/{{handle}}", "createdOn": 1700000000000,
         "resultSetMetaData": {"numRows": 0, "format": "jsonv2", "rowType": [{{rowType}}]{{(partitionInfo is null ? "" : $", \"partitionInfo\": [{partitionInfo}]")}}},
         "data": {{data}}{{(stats is null ? "" : $", \"stats\": {stats}")}}}
        """;

    public static string Rows(string handle, params string[] names) =>
        ResultSet(handle, IdColumn + ", " + NameColumn, "[" + string.Join(", ", names.Select((n, i) => $"[\"{i + 1}\", \"{n}\"]")) + "]");

    public static string Partition(params string[] names) =>
        """{"data": [""" + string.Join(", ", names.Select(n => $"[\"0\", \"{n}\"]")) + "]}";

    public static string Running(string handle) => $$"""
        {"code": "333334", "message": "Asynchronous execution in progress.", "statementHandle": "{{handle}}",
         "statementStatusUrl": "/api/v2/statements/{{handle}}"}
        """;

    public static string Failure(string handle, string code, string sqlState, string message) => $$"""
        {"code": "{{code}}", "sqlState": "{{sqlState}}", "message": {{System.Text.Json.JsonSerializer.Serialize(message)}},
         "statementHandle": "{{handle}}", "createdOn": 1700000000000, "statementStatusUrl": "/api/v2/statements/{{handle}}"}
        """;

    public static string Dml(string handle, int inserted, int updated, int deleted) =>
        ResultSet(handle, """{"name": "number of rows inserted", "type": "fixed", "scale": 0}""", $"[[\"{inserted}\"]]",
            stats: $$"""{"numRowsInserted": {{inserted}}, "numRowsUpdated": {{updated}}, "numRowsDeleted": {{deleted}}, "numDmlDuplicates": 0}""");
}
