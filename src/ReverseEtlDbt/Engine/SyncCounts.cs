namespace ReverseEtlDbt.Engine;

/// <summary>
/// Rows by fate, plus the requests and retries they took: an immutable value, so whoever holds one (the display, a
/// result) sees a consistent picture while the sync goes on. A running sync adds up deltas with <c>+</c>.
/// </summary>
public sealed record SyncCounts
{
    public long Added { get; init; }
    public long Changed { get; init; }
    public long Removed { get; init; }
    public long Rejected { get; init; }
    public long Failed { get; init; }
    public long Requests { get; init; }
    public long Retries { get; init; }

    /// <summary>Rows the destination acknowledged (added, changed or removed).</summary>
    public long Synced => Added + Changed + Removed;

    public static SyncCounts operator +(SyncCounts left, SyncCounts right) => new()
    {
        Added = left.Added + right.Added,
        Changed = left.Changed + right.Changed,
        Removed = left.Removed + right.Removed,
        Rejected = left.Rejected + right.Rejected,
        Failed = left.Failed + right.Failed,
        Requests = left.Requests + right.Requests,
        Retries = left.Retries + right.Retries,
    };
}
