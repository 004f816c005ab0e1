namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>Per-run diff options. <see cref="FullResync"/> reports every model row as changed (<c>--full-resync</c>).</summary>
public sealed record DiffOptions
{
    public bool FullResync { get; init; }

    /// <summary>The syncs' state as the ledger describes it; null before the ledger exists (every row is added).</summary>
    public SyncStateRelation? State { get; init; }
}
