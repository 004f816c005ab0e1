namespace ReverseEtlDbt.Destinations;

/// <summary>
/// Something about one sync that its destination type cannot do, found without a network (for <c>retl check</c>):
/// <see cref="Key"/> is the key under the sync's destination entry (<c>object</c>, <c>match</c>, <c>fields</c>).
/// </summary>
public sealed record SyncProblem(string Key, string Message, string Hint);
