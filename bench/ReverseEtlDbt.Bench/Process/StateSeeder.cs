using DuckDB.NET.Data;
using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Bench.Diff;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Bench.WholeProcess;

/// <summary>
/// Puts the sync's state where a completed first sync would leave it, without sending millions of rows: creates the
/// state ledger with retl's own migrator and inserts every model row's fingerprint, computed by retl's own diff SQL
/// (<see cref="DiffQueryBuilder"/>) for the sync read from the project's manifest, so retl sees nothing changed.
/// </summary>
internal static class StateSeeder
{
    public static async Task SeedAsync(BenchProject project)
    {
        var manifest = ManifestReader.Read(Path.Combine(project.Dir, "target", "manifest.json"));
        var sync = SyncCatalog.From(manifest).Declared.Single(s => s.Id == BenchProject.SyncId);
        await using var connection = new DuckDBConnection($"Data Source={project.DatabasePath}");
        await connection.OpenAsync();
        var warehouse = new BenchWarehouse(connection);
        var ledger = await new StateSchemaMigrator(warehouse, LedgerSchema.DefaultName, TimeProvider.System).MigrateAsync(default);
        var spec = DiffSpec.For(sync, new RelationName("bench", "main", BenchProject.Model),
            new DiffOptions { State = ledger.DiffState(warehouse.Dialect) }, typeOf: column => column == sync.PrimaryKey ? "bigint" : null);
        var changes = new DiffQueryBuilder(warehouse.Dialect).Changes(spec);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"""
            INSERT INTO retl_state.synced_rows (sync_id, primary_key, fingerprint, destination_id, synced_at, primary_key_int)
            SELECT $1, x.{DiffQueryBuilder.KeyColumn}, x.{DiffQueryBuilder.FingerprintColumn}, NULL, TIMESTAMP '2026-01-01 00:00:00',
                   CAST(x.{DiffQueryBuilder.KeyColumn} AS BIGINT)
            FROM ({changes.Sql}) AS x
            """;
        foreach (var value in changes.Parameters) command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        await command.ExecuteNonQueryAsync();
        command.Parameters.Clear();
        command.CommandText = "CHECKPOINT";
        await command.ExecuteNonQueryAsync();
    }
}
