namespace ReverseEtlDbt.State;

/// <summary>What a run of one sync did, as recorded in <c>runs</c>.</summary>
public sealed record RunCounts(long Added, long Changed, long Removed, long Rejected, long Failed, long Requests)
{
    public static RunCounts None { get; } = new(0, 0, 0, 0, 0, 0);
}
