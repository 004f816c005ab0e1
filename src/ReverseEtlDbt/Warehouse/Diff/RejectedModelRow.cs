namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>A sample model row kept out of the diff, with raw values (the caller masks PII before reporting).</summary>
public sealed record RejectedModelRow(KeyRejection Reason, string? PrimaryKey, IReadOnlyDictionary<string, object?> Values);
