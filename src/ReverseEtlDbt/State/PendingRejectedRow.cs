namespace ReverseEtlDbt.State;

/// <summary>
/// A row the destination refused and that waits for the next run, as <c>rejected_rows</c> holds it: the reason,
/// the masked sample written with it, how many runs it was refused, and when first and last.
/// </summary>
public sealed record PendingRejectedRow(
    string SyncId, string PrimaryKey, string Reason, string? Sample, int Attempts, DateTime FirstSeen, DateTime LastSeen);
