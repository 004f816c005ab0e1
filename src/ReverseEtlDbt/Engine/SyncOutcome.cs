using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Engine;

/// <summary>How one sync ended: the row of <c>sync_results.json</c>.</summary>
public sealed record SyncOutcome
{
    public required DestinationSync Sync { get; init; }
    /// <summary>Follows from <see cref="Errors"/> through <see cref="OutcomeTable"/>: success when there are none.</summary>
    public SyncStatus Status => OutcomeTable.StatusOf(Errors.Select(e => e.Code));
    public SyncCounts Counts { get; init; } = new();
    public double ExecutionTime { get; init; }

    /// <summary>What the sync spent in the warehouse (statements, seconds, rows read; bytes where reported).</summary>
    public Warehouse.Metering.WarehouseCost Warehouse { get; init; } = ReverseEtlDbt.Warehouse.Metering.WarehouseCost.None;
    public IReadOnlyList<SyncError> Errors { get; init; } = [];

    /// <summary>Informational, from <c>retl plan</c>: the mapping changed since the last completed run.</summary>
    public MappingChange? MappingChange { get; init; }
}

public enum SyncStatus
{
    Success,
    Partial,
    Error,
    Skipped,
}

/// <summary>An error of a sync, for people and machines: a stable code, a message, a masked sample.</summary>
public sealed record SyncError(OutcomeCode Code, string Message, IReadOnlyList<IReadOnlyDictionary<string, object?>>? Sample = null)
{
    /// <summary>A config value that could not be read or rendered, with its hint, the same wherever it is met.</summary>
    public static SyncError Config(ConfigException e) =>
        new(OutcomeCode.ConfigError, e.Message + (e.Hint is null ? "" : $". Hint: {e.Hint}"));

    /// <summary>The warehouse could not be opened: nothing was read or sent for the sync.</summary>
    public static SyncError Unreachable(Warehouse.WarehouseUnreachableException e) =>
        new(OutcomeCode.WarehouseError, $"{e.Message}. Nothing was sent. Hint: {e.Hint}");

    /// <summary>Model rows with a null or duplicated primary key, found in SQL and kept out of the sync (masked sample).</summary>
    public static SyncError InvalidKeys(DestinationSync sync, Warehouse.Diff.RejectedKeys keys, PiiMasker masker, string fate) =>
        new(OutcomeCode.InvalidPrimaryKey,
            $"{keys.NullKeys} row(s) with a null {sync.PrimaryKey} and {keys.DuplicateKeyRows} row(s) sharing a {sync.PrimaryKey} {fate}",
            keys.Sample.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(masker.Mask(s.Values))
            {
                ["reason"] = s.Reason.ToString(),
            }).ToList());
}
