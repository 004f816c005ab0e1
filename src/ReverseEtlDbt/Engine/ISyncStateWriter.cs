using ReverseEtlDbt.State;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// The state writes of answered batches, on the sync's state connection. Called one at a time and never cancelled
/// half-way: each write is one transaction, made only after the destination answered every row it holds.
/// <see cref="GroupedStateWriter"/> gathers batches into groups in front of the ledger's writer.
/// </summary>
internal interface ISyncStateWriter
{
    /// <summary>Rows the destination acknowledged become state: they are not sent again until they change.</summary>
    Task CommitAsync(IReadOnlyList<AcknowledgedRow> rows);

    /// <summary>Rows the destination refused, with the reason and a masked sample, kept for <c>retl state rejected</c>.</summary>
    Task RecordRejectedAsync(IReadOnlyList<RejectedRow> rows);

    /// <summary>Keeps the sync's lock for another lease period, so a long run keeps its lock.</summary>
    Task RenewLockAsync();
}
