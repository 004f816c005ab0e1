namespace ReverseEtlDbt.State;

/// <summary>The mapping a sync's last completed run recorded in <c>sync_config</c>: its config fingerprint, and since when (UTC).</summary>
public sealed record StoredMapping(string ConfigFingerprint, DateTime UpdatedAt);
