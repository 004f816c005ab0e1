namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>One request the emulator received. <see cref="Status"/> 0 means the connection was dropped.</summary>
public sealed record ZendeskRequest(DateTimeOffset At, string Method, string Path, int UserCount, int Status, string? JobStatus = null) : IEmulatorRequest;
