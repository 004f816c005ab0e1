using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// What to diff: the model <see cref="Relation"/>, its <see cref="PrimaryKey"/>, the <see cref="Columns"/> read and
/// fingerprinted (in this order, primary key excluded), and where the sync's state lives.
/// <see cref="ConfigFingerprint"/> seeds every row fingerprint, so a mapping change makes every row "changed" exactly
/// until it has been acknowledged under the new mapping.
/// </summary>
public sealed record DiffSpec(
    RelationName Relation,
    string PrimaryKey,
    IReadOnlyList<string> Columns,
    string SyncId,
    string ConfigFingerprint)
{
    public string StateSchema { get; init; } = "retl_state";

    public bool FullResync { get; init; }

    /// <summary>
    /// Set when the caller just found no duplicated key (<see cref="DiffReader.ReadRejectedAsync"/>): the diff then skips
    /// its own duplicate-key check, a second scan and group-by of the model. Null keys are always excluded.
    /// </summary>
    public bool KeysVerifiedUnique { get; init; }

    /// <summary>False before the state ledger exists (a first <c>retl plan</c>): the diff then reads an empty state instead of creating it.</summary>
    public bool StateExists { get; init; } = true;

    /// <summary>The spec of one sync: its columns (match, fields, hash) in ordinal order, so YAML reordering changes nothing.</summary>
    public static DiffSpec For(DestinationSync sync, RelationName relation, DiffOptions? options = null)
    {
        options ??= new DiffOptions();
        var columns = sync.Columns
            .Where(c => !string.Equals(c, sync.PrimaryKey, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new DiffSpec(relation, sync.PrimaryKey, columns, sync.Id, Diff.ConfigFingerprint.Compute(sync))
        {
            StateSchema = options.StateSchema,
            FullResync = options.FullResync,
        };
    }
}
