using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Engine;

/// <summary>How one sync ended: the row of <c>sync_results.json</c>.</summary>
public sealed record SyncOutcome
{
    public required DestinationSync Sync { get; init; }
    public required SyncStatus Status { get; init; }
    public SyncCounts Counts { get; init; } = new();
    public double ExecutionTime { get; init; }
    public IReadOnlyList<SyncError> Errors { get; init; } = [];
}

public enum SyncStatus
{
    Success,
    Partial,
    Error,
    Skipped,
}

/// <summary>Rows by fate. Mutable while a sync runs; one sync's counts are only touched by its own task.</summary>
public sealed class SyncCounts
{
    public long Added { get; set; }
    public long Changed { get; set; }
    public long Removed { get; set; }
    public long Rejected { get; set; }
    public long Failed { get; set; }
    public long Requests { get; set; }
    public long Retries { get; set; }
}

/// <summary>An error of a sync, for people and machines: a stable code, a message, a masked sample.</summary>
public sealed record SyncError(string Code, string Message, IReadOnlyList<IReadOnlyDictionary<string, object?>>? Sample = null)
{
    /// <summary>Model rows with a null or duplicated primary key, found in SQL and kept out of the sync (masked sample).</summary>
    public static SyncError InvalidKeys(DestinationSync sync, Warehouse.Diff.RejectedKeys keys, PiiMasker masker, string fate) =>
        new("invalid_primary_key",
            $"{keys.NullKeys} row(s) with a null {sync.PrimaryKey} and {keys.DuplicateKeyRows} row(s) sharing a {sync.PrimaryKey} {fate}",
            keys.Sample.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(masker.Mask(s.Values))
            {
                ["reason"] = s.Reason.ToString(),
            }).ToList());
}
