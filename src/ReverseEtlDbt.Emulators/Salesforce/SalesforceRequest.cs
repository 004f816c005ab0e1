namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// One request the emulator received. <see cref="Operation"/> is <c>token</c>, <c>upsert</c>, <c>create</c>,
/// <c>update</c>, <c>delete</c> or <c>query</c>; <see cref="Status"/> 0 means the connection was dropped.
/// </summary>
public sealed record SalesforceRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    string Operation,
    string? SObject,
    int RecordCount,
    int Status) : IEmulatorRequest;
