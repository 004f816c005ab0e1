namespace ReverseEtlDbt.Engine;

/// <summary>
/// When a sync's acknowledged (and rejected) rows reach the ledger: in one group once <see cref="Rows"/> rows wait, or
/// once <see cref="Interval"/> has passed since the first of them was answered, whichever comes first, and always at
/// the end of the sync. An <see cref="Interval"/> of zero sets no timer. On a cloud warehouse each ledger write is a billed statement (DESIGN §6), so a group of 5,000
/// rows costs what one batch of 100 did; a kill loses at most the group waiting, which the next run resends.
/// </summary>
public sealed record StateGrouping(int Rows, TimeSpan Interval)
{
    public static StateGrouping Default { get; } = new(5_000, TimeSpan.FromSeconds(5));

    /// <summary>
    /// Every answered batch committed at once, as its own group: for <c>insert</c> mode, where a resent create may
    /// duplicate a record on a destination that does not deduplicate creates (HubSpot's batch create).
    /// </summary>
    public static StateGrouping PerBatch { get; } = new(1, TimeSpan.Zero);
}
