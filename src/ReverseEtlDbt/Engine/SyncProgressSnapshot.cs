namespace ReverseEtlDbt.Engine;

/// <summary>
/// Where one sync stands after a batch, as handed to the display: an immutable copy taken under the engine's lock
/// and delivered after it, so a slow display never holds up the sync and never sees counts change under it.
/// Snapshots of batches in flight together may arrive out of order; <see cref="RowsDone"/> orders them.
/// </summary>
/// <param name="BatchRows">Rows of the batch that just finished.</param>
/// <param name="RowsDone">Rows of the diff finished so far (sent and answered, or acknowledged without a request).</param>
/// <param name="Total">Changes the diff found.</param>
public sealed record SyncProgressSnapshot(string SyncId, int BatchRows, long RowsDone, long Total, SyncCounts Counts);
