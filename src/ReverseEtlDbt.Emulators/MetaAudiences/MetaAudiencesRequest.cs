namespace ReverseEtlDbt.Emulators.MetaAudiences;

/// <summary>
/// One request the emulator received: method, audience, rows, the answer's status and Graph error code (0 when
/// none; <see cref="Status"/> 0 means the connection was dropped) and the <c>payload</c> exactly as sent, so tests can
/// assert what left the client (never the access token).
/// </summary>
public sealed record MetaAudiencesRequest(
    DateTimeOffset At,
    string Method,
    string AudienceId,
    int Rows,
    int Status,
    int ErrorCode,
    string? Payload,
    string? Session) : IEmulatorRequest;
