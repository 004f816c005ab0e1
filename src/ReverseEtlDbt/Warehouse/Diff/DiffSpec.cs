using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// What to diff: the model <see cref="Relation"/>, its <see cref="PrimaryKey"/>, the <see cref="Columns"/> read and
/// fingerprinted (in this order, primary key excluded), and the sync's <see cref="State"/>.
/// <see cref="ConfigFingerprint"/> identifies the mapping: part of every row fingerprint in the older formats
/// (<see cref="FingerprintSeed"/>); in <see cref="RowFingerprintFormat.Values"/> the ledger clears the sync's stored
/// fingerprints when the mapping changes. Either way a mapping change makes every row "changed" exactly until it has
/// been acknowledged under the new mapping.
/// </summary>
public sealed record DiffSpec(
    RelationName Relation,
    string PrimaryKey,
    IReadOnlyList<string> Columns,
    string SyncId,
    string ConfigFingerprint)
{
    /// <summary>The sync's rows in state; null before the state ledger exists (a first <c>retl plan</c>): the diff then reads an empty state.</summary>
    public SyncStateRelation? State { get; init; }

    public bool FullResync { get; init; }

    /// <summary>The format of the row fingerprints computed, the one the sync's state holds (see <see cref="RowFingerprintFormat"/>).</summary>
    public RowFingerprintFormat FingerprintFormat { get; init; } = RowFingerprintFormat.Values;

    /// <summary>What the fingerprint's config parameter is bound to: the config fingerprint, whole or as its tag.</summary>
    public string FingerprintSeed =>
        FingerprintFormat == RowFingerprintFormat.Seeded ? ConfigFingerprint : ConfigFingerprint[..Math.Min(RowFingerprint.TagLength, ConfigFingerprint.Length)];

    /// <summary>The parameters a fingerprint binds, after the query's own: the seed, or none for <see cref="RowFingerprintFormat.Values"/>.</summary>
    public IReadOnlyList<object?> FingerprintParameters => FingerprintFormat == RowFingerprintFormat.Values ? [] : [FingerprintSeed];

    /// <summary>
    /// Set when the caller just found no duplicated key (<see cref="DiffReader.ReadRejectedAsync"/>): the diff then skips
    /// its own duplicate-key check, a second scan and group-by of the model. Null keys are always excluded.
    /// </summary>
    public bool KeysVerifiedUnique { get; init; }

    /// <summary>
    /// The key column is an integer type in the warehouse (tinyint to bigint): state is then joined on its integer
    /// copy of the key instead of casting every model key to text.
    /// </summary>
    public bool IntegerKey { get; init; }

    /// <summary>
    /// The warehouse enforces the key as primary key (found in its catalog): no null or duplicated key can exist, so the
    /// key check is skipped. A unique constraint still allows nulls, so it only narrows the check to null keys.
    /// </summary>
    public KeyConstraint KeyConstraint { get; init; }

    /// <summary>
    /// How each value is read, for the primary key then <see cref="Columns"/> (from the warehouse types the guard
    /// read); empty when unknown, which reads every value as <see cref="ValueReading.Unknown"/>.
    /// </summary>
    public IReadOnlyList<ValueReading> Readings { get; init; } = [];

    /// <summary>The reading of value <paramref name="index"/> (0 the primary key, then <see cref="Columns"/>).</summary>
    public ValueReading ReadingOf(int index) => index < Readings.Count ? Readings[index] : ValueReading.Unknown;

    /// <summary>The spec of one sync: its columns (match, fields, hash) in ordinal order, so YAML reordering changes nothing.</summary>
    /// <param name="typeOf">A column's type in the warehouse, when known (from the contract guard): it sets
    /// <see cref="IntegerKey"/> and <see cref="Readings"/>.</param>
    public static DiffSpec For(DestinationSync sync, RelationName relation, DiffOptions? options = null, Func<string, string?>? typeOf = null)
    {
        options ??= new DiffOptions();
        var columns = sync.Columns
            .Where(c => !string.Equals(c, sync.PrimaryKey, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new DiffSpec(relation, sync.PrimaryKey, columns, sync.Id, Diff.ConfigFingerprint.Compute(sync))
        {
            State = options.State,
            FullResync = options.FullResync,
            IntegerKey = typeOf?.Invoke(sync.PrimaryKey) is { } keyType && IsIntegerType(keyType),
            Readings = typeOf is null ? [] : columns.Prepend(sync.PrimaryKey).Select(c => ValueReadings.For(typeOf(c))).ToList(),
        };
    }

    private static bool IsIntegerType(string dataType) =>
        Guard.DataTypeNormalizer.Normalize(dataType).Family is "tinyint" or "smallint" or "integer" or "bigint";
}
