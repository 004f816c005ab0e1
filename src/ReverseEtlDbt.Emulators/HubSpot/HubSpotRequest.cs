namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>
/// One request the emulator received: <see cref="At"/> when it was answered, <see cref="ArrivedAt"/> when it arrived
/// (what the burst limit counts). <see cref="Status"/> 0 means the connection was dropped.
/// </summary>
public sealed record HubSpotRequest(
    DateTimeOffset At,
    string Path,
    string? ObjectType,
    string? Operation,
    int InputCount,
    int Status,
    DateTimeOffset ArrivedAt) : IEmulatorRequest;
