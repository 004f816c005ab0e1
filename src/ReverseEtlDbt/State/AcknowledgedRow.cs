using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State;

/// <summary>A row the destination acknowledged: its fingerprint (and the destination's id for it) become state.</summary>
public sealed record AcknowledgedRow(string PrimaryKey, ChangeKind Kind, string Fingerprint, string? DestinationId);
