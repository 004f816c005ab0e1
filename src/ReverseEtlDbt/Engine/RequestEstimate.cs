using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// What a sync of <see cref="DiffCounts"/> would cost in requests, and the shortest time the connection's rate limit
/// allows for them (for <c>retl plan</c>): changes in batches of the destination's size, removals only when the sync
/// mirrors with a delete policy. An estimate: retries and rejected rows are not foreseen.
/// </summary>
public sealed record RequestEstimate(long Requests, int BatchSize, RateLimit Limit)
{
    /// <summary>The least time pacing allows: a full window per <see cref="RateLimit.Requests"/> after the first ones.</summary>
    public TimeSpan MinimumTime => Requests <= Limit.Requests
        ? TimeSpan.Zero
        : Limit.Per * ((Requests - 1) / Limit.Requests);

    public static RequestEstimate For(DestinationSync sync, DiffCounts counts, int batchSize, RateLimit limit)
    {
        var size = Math.Max(1, batchSize);
        var writes = sync.Mode == SyncMode.Insert ? counts.Added : counts.Added + counts.Changed;
        var removals = sync.Mode == SyncMode.Mirror && sync.Delete != DeletePolicy.None ? counts.Removed : 0;
        return new RequestEstimate(Batches(writes, size) + Batches(removals, size), size, limit);
    }

    private static long Batches(long rows, int size) => (rows + size - 1) / size;
}
