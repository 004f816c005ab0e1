namespace ReverseEtlDbt.Warehouse.Metering;

/// <summary>
/// What a sync (or a run) spent in the warehouse: statements run, seconds from each statement's start until its
/// result was read, rows retl read back, and, where the warehouse reports them, bytes scanned and query ids. On a
/// cloud warehouse this is the bill; on DuckDB and PostgreSQL it shows the same shape, exactly.
/// </summary>
public sealed record WarehouseCost
{
    public static WarehouseCost None { get; } = new();

    public long Statements { get; init; }
    public double Seconds { get; init; }
    public long RowsRead { get; init; }

    /// <summary>Bytes the warehouse scanned, when it reports them (not DuckDB or PostgreSQL); null otherwise.</summary>
    public long? BytesScanned { get; init; }

    /// <summary>The warehouse's own ids of the statements, when it has them (to find them in its query history).</summary>
    public IReadOnlyList<string> QueryIds { get; init; } = [];

    public static WarehouseCost operator +(WarehouseCost a, WarehouseCost b) => new()
    {
        Statements = a.Statements + b.Statements,
        Seconds = a.Seconds + b.Seconds,
        RowsRead = a.RowsRead + b.RowsRead,
        BytesScanned = a.BytesScanned is null && b.BytesScanned is null ? null : (a.BytesScanned ?? 0) + (b.BytesScanned ?? 0),
        QueryIds = [.. a.QueryIds, .. b.QueryIds],
    };
}

/// <summary>The cost as <c>sync_results.json</c> and JSON log lines carry it, and as people read it.</summary>
public static class WarehouseCostFormat
{
    public static object Json(WarehouseCost cost) => new
    {
        statements = cost.Statements,
        seconds = Math.Round(cost.Seconds, 3),
        rows_read = cost.RowsRead,
        bytes_scanned = cost.BytesScanned,
        query_ids = cost.QueryIds,
    };

    /// <summary>The <see cref="Json"/> object written as property <paramref name="name"/> (no reflection: start-up cost).</summary>
    public static void Write(System.Text.Json.Utf8JsonWriter writer, string name, WarehouseCost cost)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("statements", cost.Statements);
        writer.WriteNumber("seconds", Math.Round(cost.Seconds, 3));
        writer.WriteNumber("rows_read", cost.RowsRead);
        if (cost.BytesScanned is { } bytes) writer.WriteNumber("bytes_scanned", bytes);
        else writer.WriteNull("bytes_scanned");
        writer.WriteStartArray("query_ids");
        foreach (var id in cost.QueryIds) writer.WriteStringValue(id);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>e.g. <c>7 statements, 0.12 s, 40 rows read</c> (and bytes scanned where the warehouse reports them).</summary>
    public static string Text(WarehouseCost cost) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{cost.Statements} statement{(cost.Statements == 1 ? "" : "s")}, {cost.Seconds:0.00} s, {cost.RowsRead:N0} row{(cost.RowsRead == 1 ? "" : "s")} read")
        + (cost.BytesScanned is { } bytes ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {bytes:N0} bytes scanned") : "");
}
