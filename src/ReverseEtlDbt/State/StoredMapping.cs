using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State;

/// <summary>
/// The mapping a sync's last completed run recorded in <c>sync_config</c>: its config fingerprint, since when (UTC),
/// and the format of the row fingerprints that run wrote (<see cref="RowFingerprintFormat.Seeded"/> for runs of
/// releases before ledger version 3, which did not record it).
/// </summary>
public sealed record StoredMapping(string ConfigFingerprint, DateTime UpdatedAt, RowFingerprintFormat Fingerprints = RowFingerprintFormat.Seeded)
{
    /// <summary>
    /// The format a run under <paramref name="configFingerprint"/> computes: the stored one while the mapping is the
    /// same (its unchanged rows are then not resent), else <see cref="RowFingerprintFormat.Tagged"/>, since a mapping
    /// change resends every row anyway, and each row resent is stored in the new format. Rows of an interrupted run
    /// under the new mapping are already in it, so they are not resent again.
    /// </summary>
    public static RowFingerprintFormat FormatFor(StoredMapping? stored, string configFingerprint) =>
        stored is { Fingerprints: RowFingerprintFormat.Seeded } && stored.ConfigFingerprint == configFingerprint
            ? RowFingerprintFormat.Seeded
            : RowFingerprintFormat.Tagged;
}
