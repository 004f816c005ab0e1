using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.Engine;

/// <summary>What every sync of a run shares: how to reach the warehouse, the clock, options and the progress sink.</summary>
public sealed record SyncEnvironment(
    Func<CancellationToken, Task<IWarehouse>> OpenWarehouse,
    EngineOptions Options,
    TimeProvider Time,
    ISyncProgress Progress,
    string Command = "sync");
