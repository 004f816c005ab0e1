using ReverseEtlDbt.State;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// The state writes of one answered batch, on the sync's state connection. Called one batch at a time and never
/// cancelled half-way: each write is one transaction, made only after the destination answered.
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
