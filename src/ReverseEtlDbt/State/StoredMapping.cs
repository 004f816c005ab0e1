using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State;

/// <summary>
/// The mapping recorded in <c>sync_config</c>: its config fingerprint, since when (UTC), and the format of the row
/// fingerprints in the sync's state (<see cref="RowFingerprintFormat.Seeded"/> for releases before ledger version 3,
/// which did not record it). From ledger version 4 a run records it before it sends anything; earlier releases
/// recorded it when a run completed.
/// </summary>
public sealed record StoredMapping(string ConfigFingerprint, DateTime UpdatedAt, RowFingerprintFormat Fingerprints = RowFingerprintFormat.Seeded)
{
    /// <summary>
    /// The format a run under <paramref name="configFingerprint"/> computes: the stored one while the mapping is the
    /// same (its unchanged rows are then not resent), else <see cref="RowFingerprintFormat.Values"/>, since a mapping
    /// change resends every row anyway, and each row resent is stored in the new format.
    /// </summary>
    public static RowFingerprintFormat FormatFor(StoredMapping? stored, string configFingerprint) =>
        stored is not null && stored.ConfigFingerprint == configFingerprint ? stored.Fingerprints : RowFingerprintFormat.Values;

    /// <summary>
    /// Whether the sync's stored fingerprints were computed under another mapping in a format that does not carry the
    /// mapping (<see cref="RowFingerprintFormat.Values"/>), so they would match rows the new mapping must resend: a
    /// sync clears them as it records the new mapping, a plan reads them as empty. Fingerprints of the older formats
    /// never equal a values-only one, so they need neither.
    /// </summary>
    public static bool FingerprintsStale(StoredMapping? stored, string configFingerprint) =>
        stored is { Fingerprints: RowFingerprintFormat.Values } && stored.ConfigFingerprint != configFingerprint;
}
