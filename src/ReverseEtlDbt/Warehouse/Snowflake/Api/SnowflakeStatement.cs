namespace ReverseEtlDbt.Warehouse.Snowflake.Api;

/// <summary>One request's SQL: <c>?</c> markers bound in order by <see cref="Bindings"/>, and how many statements it holds.</summary>
public sealed record SnowflakeStatement(string Sql, IReadOnlyList<SnowflakeBinding> Bindings, int StatementCount = 1)
{
    /// <summary>Seconds before Snowflake cancels the statement (the body's <c>timeout</c>); null leaves the account's default.</summary>
    public int? TimeoutSeconds { get; init; }
}

/// <summary>A bind value as the SQL API takes it: a Snowflake type (<c>FIXED</c>, <c>TEXT</c>, …) and the value as a string.</summary>
public sealed record SnowflakeBinding(string Type, string? Value);

/// <summary>A result column from <c>resultSetMetaData.rowType</c>; <see cref="Type"/> is lower case (<c>fixed</c>, <c>text</c>, …).</summary>
public sealed record SnowflakeColumn(string Name, string Type, int? Precision, int? Scale, long? Length, bool Nullable);

/// <summary>
/// A finished statement: its columns, the inline first partition, how many partitions there are (fetched lazily
/// with <see cref="SnowflakeApiClient.FetchPartitionAsync"/>), and what DML did.
/// </summary>
public sealed record SnowflakeResult(
    string? StatementHandle,
    IReadOnlyList<SnowflakeColumn> Columns,
    IReadOnlyList<string?[]> FirstPartition,
    int PartitionCount,
    long? RowsAffected,
    IReadOnlyList<string> StatementHandles);
