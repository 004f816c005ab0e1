using System.Globalization;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State;

/// <summary>
/// The state ledger as this run found it: its schema and version (0 when it does not exist yet). A writer gets it
/// from <see cref="StateSchemaMigrator.MigrateAsync"/>, once per run, and every later ledger use trusts it (no
/// further version query); a reader (<c>retl plan</c>, <c>retl state show</c>) gets it from <see cref="ReadAsync"/>,
/// which creates and migrates nothing, so an older ledger is read as it is.
/// </summary>
public sealed record LedgerSchema
{
    public const string DefaultName = "retl_state";

    internal LedgerSchema(string name, int version)
    {
        if (version > StateMigrations.LatestVersion)
            throw new Definitions.ConfigException(
                $"State ledger '{name}' is at version {version}, newer than this retl understands (version {StateMigrations.LatestVersion}): a newer retl has written it",
                "Run the retl release that wrote it (or a later one); retl never reads or writes a ledger layout it does not know.");
        Name = name;
        Version = version;
    }

    public string Name { get; }

    public int Version { get; }

    public bool Exists => Version > 0;

    /// <summary>Migrated to this release's layout, so it may be written.</summary>
    public bool IsCurrent => Version >= StateMigrations.LatestVersion;

    /// <summary>Reads the ledger's version without creating or migrating it.</summary>
    public static async Task<LedgerSchema> ReadAsync(IWarehouse warehouse, string name, CancellationToken cancellationToken)
    {
        await using (var probe = WarehouseCommand.Create(warehouse.Connection, warehouse.Dialect.TableCountSql, [name, "schema_version"]))
        {
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0) return new(name, 0);
        }
        await using var command = WarehouseCommand.Create(warehouse.Connection,
            $"""SELECT COALESCE(MAX("version"), 0) FROM {new LedgerTables(warehouse.Dialect, name).SchemaVersion}""", []);
        return new(name, Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The sync's rows in state as the diff reads them (<c>$1</c> is the sync id), or null before the ledger exists, so
    /// the diff reads an empty state. A version 1 ledger has no integer copy of the keys: the diff then joins on text.
    /// </summary>
    public SyncStateRelation? DiffState(ISqlDialect dialect)
    {
        if (!Exists) return null;
        var (key, integerKey, fingerprint, destinationId, syncId) =
            (Q("primary_key"), Version >= 2 ? Q("primary_key_int") : null, Q("fingerprint"), Q("destination_id"), Q("sync_id"));
        var columns = string.Join(", ", new[] { key, integerKey, fingerprint, destinationId }.OfType<string>());
        return new SyncStateRelation(
            $"(SELECT {columns} FROM {new LedgerTables(dialect, Name).SyncedRows} WHERE {syncId} = $1)", key, fingerprint, destinationId, integerKey);

        string Q(string column) => dialect.QuoteExact(column);
    }

    /// <summary>Guards the writers: the engine migrates once per run before any ledger write.</summary>
    internal void EnsureWritable()
    {
        if (!IsCurrent)
            throw new InvalidOperationException($"State ledger '{Name}' is at version {Version}: migrate it (StateSchemaMigrator) before writing");
    }
}
