namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>One HTTP request the emulator received. <see cref="Status"/> 0 means the connection was dropped.</summary>
public sealed record SnowflakeRequest(DateTimeOffset At, string Method, string Path, int Status, string? StatementHandle, string? RequestId)
    : IEmulatorRequest;

/// <summary>
/// One statement the emulator executed (Snowflake's QUERY_HISTORY, as far as tests need it): each statement of a
/// multi-statement request is its own entry, with its own handle and the request's <see cref="RequestId"/>.
/// <see cref="ErrorCode"/> is set when it failed.
/// </summary>
public sealed record SnowflakeQuery(
    DateTimeOffset At, string StatementHandle, string? RequestId, string Sql, string? QueryTag,
    string? Warehouse, string? Role, string? Database, string? Schema, string? ErrorCode);
