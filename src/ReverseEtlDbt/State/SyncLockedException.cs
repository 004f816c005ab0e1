namespace ReverseEtlDbt.State;

/// <summary>Another runner holds the sync's lock; the message names it (e.g. <c>host:4242 since 12:00:01Z</c>).</summary>
public sealed class SyncLockedException(string syncId, string? holder, DateTime? since)
    : Exception($"sync '{syncId}' is locked by {holder ?? "another runner"}{(since is { } s ? $" since {s:HH:mm:ss}Z" : "")}")
{
    public string SyncId { get; } = syncId;
    public string? Holder { get; } = holder;
    public DateTime? Since { get; } = since;
}
