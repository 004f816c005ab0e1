using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.State;

/// <summary>
/// The ledger's tables, quoted and qualified for one warehouse. With <see cref="StateMigrations"/>, the only place
/// their names are written: the diff reads state through <see cref="LedgerSchema.DiffState"/>, never by name.
/// </summary>
internal sealed class LedgerTables(ISqlDialect dialect, string schema)
{
    /// <summary>The quoted schema name.</summary>
    /// <remarks>Never folded (<see cref="ISqlDialect.QuoteExact"/>): the ledger's names are the same lower-case text in every statement.</remarks>
    public string Schema { get; } = dialect.QuoteExact(schema);

    public string SyncedRows => Table("synced_rows");
    public string SyncConfig => Table("sync_config");
    public string Runs => Table("runs");
    public string RejectedRows => Table("rejected_rows");
    public string Locks => Table("locks");
    public string SchemaVersion => Table("schema_version");

    /// <summary>The tables holding what a sync has synced (forgotten by <see cref="StateLedger.ResetAsync"/>; run history stays).</summary>
    public IReadOnlyList<string> SyncState => [SyncedRows, SyncConfig, RejectedRows];

    private string Table(string name) => Schema + "." + dialect.QuoteExact(name);
}
