namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// One changed row. <see cref="Values"/> holds the sync's columns by model column name (empty for
/// <see cref="ChangeKind.Removed"/>); <see cref="Fingerprint"/> is what state records once the row is acknowledged
/// (for a removed row, the fingerprint in state); <see cref="DestinationId"/> is the id the destination gave it, if any.
/// </summary>
public sealed record DiffRow(
    ChangeKind Kind,
    string PrimaryKey,
    IReadOnlyDictionary<string, object?> Values,
    string Fingerprint,
    string? DestinationId);
