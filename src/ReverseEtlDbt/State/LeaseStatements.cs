using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.State;

/// <summary>
/// A sync's lease row taken where the warehouse has no advisory lock and no <c>ON CONFLICT</c> (WAREHOUSES.md §6,
/// lease lock): free or expired → this holder's, in one step the warehouse serialises. True when this holder took it.
/// </summary>
internal static class LeaseStatements
{
    /// <summary>
    /// Redshift: <c>LOCK</c> the locks table for the transaction (other writers wait), drop an expired lease of the
    /// sync, insert this holder's unless a lease remains. Table locks and the conditional insert are Redshift-safe
    /// SQL, so PostgreSQL runs the same statements in tests.
    /// </summary>
    public static async Task<bool> TakeUnderTableLockAsync(
        IWarehouse warehouse, LedgerTables tables, string syncId, string holder, DateTime now, DateTime expires, CancellationToken cancellationToken)
    {
        var connection = warehouse.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await WarehouseCommand.ExecuteAsync(connection, transaction, $"LOCK TABLE {tables.Locks}", cancellationToken);
        await WarehouseCommand.ExecuteAsync(connection, transaction,
            $"""DELETE FROM {tables.Locks} WHERE "sync_id" = $1 AND "expires_at" < $2""", cancellationToken, syncId, now);
        var inserted = await WarehouseCommand.ExecuteAsync(connection, transaction, $"""
            INSERT INTO {tables.Locks} ("sync_id", "holder", "acquired_at", "expires_at")
            SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM {tables.Locks} WHERE "sync_id" = $1)
            """, cancellationToken, syncId, holder, now, expires);
        await transaction.CommitAsync(cancellationToken);
        return inserted == 1;
    }

    /// <summary>
    /// Snowflake: one <c>MERGE</c> (Snowflake runs MERGE and UPDATE on a table one at a time, so two runners cannot
    /// both find the lease free): a free sync gets this holder's row, an expired lease becomes this holder's.
    /// </summary>
    public static async Task<bool> TakeWithMergeAsync(
        IWarehouse warehouse, LedgerTables tables, string syncId, string holder, DateTime now, DateTime expires, CancellationToken cancellationToken)
    {
        var affected = await WarehouseCommand.ExecuteAsync(warehouse.Connection, null, $"""
            MERGE INTO {tables.Locks} AS l
            USING (SELECT $1 AS "sync_id", $2 AS "holder", $3 AS "now", $4 AS "expires") AS s ON l."sync_id" = s."sync_id"
            WHEN MATCHED AND l."expires_at" < s."now" THEN UPDATE SET "holder" = s."holder", "acquired_at" = s."now", "expires_at" = s."expires"
            WHEN NOT MATCHED THEN INSERT ("sync_id", "holder", "acquired_at", "expires_at") VALUES (s."sync_id", s."holder", s."now", s."expires")
            """, cancellationToken, syncId, holder, now, expires);
        return affected == 1;
    }
}
