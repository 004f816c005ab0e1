namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>One column of <c>resultSetMetaData.rowType</c>: Snowflake's lower-case API type name and its size.</summary>
public sealed record SnowflakeColumn(string Name, string Type, int? Precision = null, int? Scale = null, long? Length = null, bool Nullable = true)
{
    public static SnowflakeColumn Text(string name) => new(name, "text", Length: 16777216);

    public static SnowflakeColumn Fixed(string name) => new(name, "fixed", 38, 0);
}

/// <summary>What a DML statement did, as the ResultSet's <c>stats</c> reports it.</summary>
public sealed record SnowflakeDmlStats(long Inserted, long Updated, long Deleted);

/// <summary>
/// A finished statement's result: columns, rows already encoded as Snowflake's JSON strings, the partition size
/// they are served in, DML counts, and for a multi-statement request the handles of its statements.
/// </summary>
public sealed record SnowflakeResult(IReadOnlyList<SnowflakeColumn> Columns, IReadOnlyList<string?[]> Rows)
{
    public SnowflakeDmlStats? Stats { get; init; }

    public IReadOnlyList<string>? StatementHandles { get; init; }

    public int PartitionSize { get; init; } = 1000;

    /// <summary>The rows of each partition; an empty result still has one (empty) partition.</summary>
    public IReadOnlyList<IReadOnlyList<string?[]>> Partitions =>
        Rows.Count == 0 ? [[]] : Rows.Chunk(Math.Max(1, PartitionSize)).Select(c => (IReadOnlyList<string?[]>)c).ToList();

    /// <summary>A DDL or session statement's answer: one <c>status</c> row, as Snowflake reports them.</summary>
    public static SnowflakeResult Status(string message) => new([SnowflakeColumn.Text("status")], [[message]]);

    /// <summary>The answer of a DML statement: its counts as a row (Snowflake's column names) and as <c>stats</c>.</summary>
    public static SnowflakeResult Dml(SnowflakeDmlStats stats, IReadOnlyList<(string Column, long Count)> row) =>
        new(row.Select(c => SnowflakeColumn.Fixed(c.Column)).ToList(),
            [row.Select(c => (string?)c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()]) { Stats = stats };
}
