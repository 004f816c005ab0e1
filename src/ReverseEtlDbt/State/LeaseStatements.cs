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
    /// Snowflake: one <c>MERGE</c> (a free sync gets this holder's row, an expired lease becomes this holder's), then the
    /// sync's lease rows read back (WAREHOUSES.md §6, "verify"). Snowflake runs MERGE on a table one at a time, but it
    /// enforces no key, so should two runners ever both insert, each sees two rows: this holder proceeds only when its
    /// row is the sync's only one, and otherwise withdraws it. Of two racers at most one sees itself alone (the later
    /// insert sees the earlier row); both may withdraw, which only means "locked, try again".
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
        if (affected == 0) return false;
        var holders = new List<string>();
        await using (var command = WarehouseCommand.Create(warehouse.Connection, $"""SELECT "holder" FROM {tables.Locks} WHERE "sync_id" = $1""", [syncId]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) holders.Add(reader.GetString(0));
        if (holders is [var only] && only == holder) return true;
        if (holders.Contains(holder) && holders.Count > 1)
            await WarehouseCommand.ExecuteAsync(warehouse.Connection, null,
                $"""DELETE FROM {tables.Locks} WHERE "sync_id" = $1 AND "holder" = $2""", cancellationToken, syncId, holder);
        return false;
    }
}
