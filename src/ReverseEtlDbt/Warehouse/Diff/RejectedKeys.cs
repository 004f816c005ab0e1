namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// Model rows with a null primary key or a key shared by several rows: counted, sampled, and never diffed
/// (so never sent and never written to state). <see cref="DuplicateKeyRows"/> counts every row of a duplicated key.
/// </summary>
public sealed record RejectedKeys(long NullKeys, long DuplicateKeyRows, IReadOnlyList<RejectedModelRow> Sample)
{
    public long Total => NullKeys + DuplicateKeyRows;
}
