namespace ReverseEtlDbt.Emulators;

/// <summary>What every emulator logs of a request it received: when it answered and with which status.</summary>
public interface IEmulatorRequest
{
    DateTimeOffset At { get; }

    /// <summary>The answer's HTTP status; 0 when the connection was dropped.</summary>
    int Status { get; }
}
