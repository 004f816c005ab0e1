using System.Text.Json;

namespace ReverseEtlDbt.Warehouse.Snowflake.Api;

/// <summary>Reads the SQL API's JSON answers: a ResultSet (200), a QueryStatus (202/408) or a QueryFailureStatus (422).</summary>
internal static class SnowflakeResponseReader
{
    public static SnowflakeResult ResultSet(JsonElement root)
    {
        var columns = new List<SnowflakeColumn>();
        var partitions = 1;
        if (root.TryGetProperty("resultSetMetaData", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            if (meta.TryGetProperty("rowType", out var rowType))
                columns.AddRange(rowType.EnumerateArray().Select(Column));
            if (meta.TryGetProperty("partitionInfo", out var info) && info.ValueKind == JsonValueKind.Array)
                partitions = Math.Max(1, info.GetArrayLength());
        }
        return new SnowflakeResult(
            String(root, "statementHandle"), columns, Rows(root), partitions, RowsAffected(root, columns), StatementHandles(root));
    }

    /// <summary>The <c>data</c> rows of a ResultSet or of a partition: every cell a string or null.</summary>
    public static List<string?[]> Rows(JsonElement root)
    {
        var rows = new List<string?[]>();
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return rows;
        foreach (var row in data.EnumerateArray())
            rows.Add([.. row.EnumerateArray().Select(Cell)]);
        return rows;
    }

    public static string? String(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    private static string? Cell(JsonElement cell) =>
        cell.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => cell.GetString(),
            _ => cell.GetRawText(),
        };

    private static SnowflakeColumn Column(JsonElement c) =>
        new(String(c, "name") ?? "", (String(c, "type") ?? "text").ToLowerInvariant(), Int(c, "precision"), Int(c, "scale"),
            c.TryGetProperty("length", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt64(out var length) ? length : null,
            !c.TryGetProperty("nullable", out var n) || n.ValueKind != JsonValueKind.False);

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    /// <summary>
    /// DML's <c>stats</c> (rows inserted + updated + deleted); failing that, the "number of rows …" columns Snowflake
    /// returns as a DML's result; null for statements that change no rows (SELECT, DDL).
    /// </summary>
    private static long? RowsAffected(JsonElement root, List<SnowflakeColumn> columns)
    {
        if (root.TryGetProperty("stats", out var stats) && stats.ValueKind == JsonValueKind.Object)
            return new[] { "numRowsInserted", "numRowsUpdated", "numRowsDeleted" }
                .Sum(name => stats.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : 0);
        var counted = columns.Select((c, i) => (c, i)).Where(x => x.c.Name.StartsWith("number of rows ", StringComparison.OrdinalIgnoreCase)).ToList();
        if (counted.Count == 0 || Rows(root) is not [var first, ..]) return null;
        return counted.Sum(x => long.TryParse(first[x.i], out var n) ? n : 0);
    }

    private static List<string> StatementHandles(JsonElement root) =>
        root.TryGetProperty("statementHandles", out var handles) && handles.ValueKind == JsonValueKind.Array
            ? [.. handles.EnumerateArray().Select(h => h.GetString()).OfType<string>()]
            : [];
}
