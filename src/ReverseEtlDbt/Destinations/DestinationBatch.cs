using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations;

/// <summary>One request's worth of changes of one <see cref="WriteOperation"/>, at most the destination's max batch size.</summary>
public sealed record DestinationBatch(DestinationSync Sync, WriteOperation Operation, IReadOnlyList<RecordChange> Changes)
{
    /// <summary>Stable across retries of this batch: a hash of the rows' idempotency keys.</summary>
    public required string BatchKey { get; init; }
}

/// <summary>What the destination is asked to do with a batch.</summary>
public enum WriteOperation
{
    Upsert,
    Update,
    Insert,
    Delete,
    Archive,
}

/// <summary>
/// One row, mapped for the destination: <see cref="Fields"/> holds destination field names → values after
/// mapping, hashing and static fields (a <c>null</c> value means "clear"; skipped nulls are absent).
/// </summary>
public sealed record RecordChange(
    string PrimaryKey,
    string? MatchValue,
    IReadOnlyDictionary<string, object?> Fields,
    string? DestinationId,
    string IdempotencyKey);

/// <summary>The destination's answer for a batch, one <see cref="RowOutcome"/> per input row (any order).</summary>
public sealed record BatchResult(IReadOnlyList<RowOutcome> Rows);

public sealed record RowOutcome(string PrimaryKey, RowStatus Status, string? DestinationId = null, string? Reason = null)
{
    public static RowOutcome Ok(string primaryKey, string? destinationId = null) => new(primaryKey, RowStatus.Ok, destinationId);
    public static RowOutcome Rejected(string primaryKey, string reason) => new(primaryKey, RowStatus.Rejected, null, reason);
}

public enum RowStatus
{
    /// <summary>Acknowledged: the engine commits its state.</summary>
    Ok,
    /// <summary>Refused by the destination (validation): recorded as rejected, retried next run.</summary>
    Rejected,
    /// <summary>Not processed for a transient reason: left out of state, retried next run.</summary>
    Failed,
}
