using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// What every sync of a run shares: how to reach the warehouse, the clock, options and the progress sink, and the
/// randomness behind retry jitter (like the clock, injected so tests can make backoff deterministic).
/// </summary>
public sealed record SyncEnvironment(
    Func<CancellationToken, Task<IWarehouse>> OpenWarehouse,
    EngineOptions Options,
    TimeProvider Time,
    ISyncProgress Progress,
    string Command = "sync")
{
    /// <summary>Returns a value in [0, 1) for the retries' jitter; the shared random generator unless a test fixes it.</summary>
    public Func<double> Randomizer { get; init; } = Random.Shared.NextDouble;
}
