namespace ReverseEtlDbt.Engine;

/// <summary>Knobs of a sync run; defaults suit production, tests shorten the delays.</summary>
public sealed record EngineOptions
{
    public int MaxRetries { get; init; } = 6;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Syncs run at once (independent syncs in parallel; those sharing a connection share its limiter).</summary>
    public int MaxParallelSyncs { get; init; } = 4;
    public bool FullResync { get; init; }

    /// <summary>Batches of one sync in flight at once; null takes the connection's <c>max_concurrency</c>.</summary>
    public int? MaxBatchesInFlight { get; init; }
    public string StateSchema { get; init; } = "retl_state";
    /// <summary>How acknowledged rows are grouped into ledger writes (<c>insert</c> mode always commits per batch).</summary>
    public StateGrouping StateGrouping { get; init; } = StateGrouping.Default;
    /// <summary>Who holds a sync's lock while it runs (host:pid by default).</summary>
    public string LockHolder { get; init; } = State.SyncLock.DefaultHolder;
}
