namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// A session's current database, schema, warehouse and role, and its QUERY_TAG: set from the request body and
/// <c>parameters</c>, changed by USE and ALTER SESSION inside a multi-statement request.
/// </summary>
internal sealed record SnowflakeContext(string? Database, string? Schema, string? Warehouse, string? Role, string? QueryTag);
