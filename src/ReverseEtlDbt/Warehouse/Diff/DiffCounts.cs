namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>What a sync would send, counted in the warehouse (for <c>retl plan</c>). <see cref="Rejected"/> counts model rows with a null or duplicate primary key.</summary>
public sealed record DiffCounts(long Added, long Changed, long Removed, long Rejected)
{
    public long Total => Added + Changed + Removed;
}
