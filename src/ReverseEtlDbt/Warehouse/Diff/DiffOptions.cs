namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>Per-run diff options. <see cref="FullResync"/> reports every model row as changed (<c>--full-resync</c>).</summary>
public sealed record DiffOptions
{
    public bool FullResync { get; init; }

    /// <summary>Schema of the state ledger in the warehouse.</summary>
    public string StateSchema { get; init; } = "retl_state";
}
