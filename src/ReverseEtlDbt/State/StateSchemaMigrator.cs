using System.Globalization;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State;

/// <summary>
/// Creates the state schema on first use and applies the pending <see cref="StateMigrations"/> steps, all in one
/// transaction. Run once per run by a command that writes the ledger (<c>sync</c>, <c>build</c>, <c>state reset</c>);
/// the <see cref="LedgerSchema"/> it returns is what the run's ledger writers trust. Idempotent: a second call (or a
/// second runner) finds the latest version and does nothing. On PostgreSQL, concurrent runners serialise on a
/// transaction-scoped advisory lock.
/// </summary>
public sealed class StateSchemaMigrator(IWarehouse warehouse, string schema, TimeProvider time)
{
    /// <summary>The ledger after the call, at the latest version.</summary>
    public async Task<LedgerSchema> MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = warehouse.Connection;
        var tables = new LedgerTables(warehouse.Dialect, schema);
        var dialect = warehouse.Dialect;
        // Where a transaction is one request (Snowflake's SQL API) it cannot read between its statements; DDL commits
        // on its own there anyway, and every step below is idempotent or guarded by the version read first.
        await using var transaction = dialect.Traits.TransactionalDdl ? await connection.BeginTransactionAsync(cancellationToken) : null;
        if (dialect.Traits.Locking == LockKind.Advisory)
            await WarehouseCommand.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext($1))", cancellationToken, "retl:schema:" + schema);

        await WarehouseCommand.ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {tables.Schema}", cancellationToken);
        await WarehouseCommand.ExecuteAsync(connection, transaction,
            $"""CREATE TABLE IF NOT EXISTS {tables.SchemaVersion} ("version" INTEGER PRIMARY KEY, "description" {dialect.TextType} NOT NULL, "applied_at" TIMESTAMP NOT NULL)""",
            cancellationToken);

        int current;
        await using (var command = WarehouseCommand.Create(connection, $"""SELECT COALESCE(MAX("version"), 0) FROM {tables.SchemaVersion}""", [], transaction))
            current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        foreach (var (version, description, statements) in StateMigrations.All.Where(m => m.Version > current))
        {
            foreach (var statement in statements)
                if (StateMigrations.Render(statement, tables.Schema, dialect) is { } sql)
                    await WarehouseCommand.ExecuteAsync(connection, transaction, sql, cancellationToken);
            await WarehouseCommand.ExecuteAsync(connection, transaction,
                $"""INSERT INTO {tables.SchemaVersion} ("version", "description", "applied_at") VALUES ($1, $2, $3)""",
                cancellationToken, version, description, StateLedger.UtcTimestamp(time));
            current = version;
        }
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return new LedgerSchema(schema, current);
    }
}
