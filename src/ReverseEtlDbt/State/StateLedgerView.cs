using System.Data.Common;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State;

/// <summary>
/// Reads the state ledger for <c>retl state show</c>, <c>retl state rejected</c> and <c>retl plan</c>. Read-only: it
/// never creates or migrates the ledger, and a warehouse without one reads as empty.
/// </summary>
public sealed class StateLedgerView(IWarehouse warehouse, LedgerSchema schema)
{
    private readonly LedgerTables tables = new(warehouse.Dialect, schema.Name);

    public LedgerSchema Schema => schema;

    /// <summary>Finds the ledger (one version query) and returns its reader.</summary>
    public static async Task<StateLedgerView> OpenAsync(IWarehouse warehouse, string schema, CancellationToken cancellationToken) =>
        new(warehouse, await LedgerSchema.ReadAsync(warehouse, schema, cancellationToken));

    /// <summary>The mapping the sync's state was written under, or null (never run, reset, or no ledger).</summary>
    public async Task<StoredMapping?> ReadMappingAsync(string syncId, CancellationToken cancellationToken)
    {
        if (!schema.Exists) return null;
        await using var command = WarehouseCommand.Create(warehouse.Connection,
            $"""SELECT "config_fingerprint", "updated_at", {FingerprintFormat("")} FROM {tables.SyncConfig} WHERE "sync_id" = $1""", [syncId]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredMapping(reader.GetString(0), reader.GetDateTime(1), (RowFingerprintFormat)Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>One summary per sync known to the ledger (or only <paramref name="syncId"/>), ordered by sync id, with its last run.</summary>
    public async Task<IReadOnlyList<SyncStateSummary>> ShowAsync(string? syncId, CancellationToken cancellationToken)
    {
        if (!schema.Exists) return [];
        var filter = syncId is null ? "" : "WHERE i.\"sync_id\" = $1";
        var sql = $"""
            WITH "ids" AS (
              SELECT "sync_id" FROM {tables.SyncedRows} UNION SELECT "sync_id" FROM {tables.SyncConfig}
              UNION SELECT "sync_id" FROM {tables.Runs} UNION SELECT "sync_id" FROM {tables.RejectedRows})
            SELECT i."sync_id", COALESCE(s."n", 0), COALESCE(r."n", 0), c."config_fingerprint", c."updated_at", l."started_at", l."ended_at", l."status",
                   l."added", l."changed", l."removed", l."rejected", l."failed", l."requests", {FingerprintFormat("c.")}
            FROM "ids" AS i
            LEFT JOIN (SELECT "sync_id", COUNT(*) AS "n" FROM {tables.SyncedRows} GROUP BY "sync_id") AS s ON s."sync_id" = i."sync_id"
            LEFT JOIN (SELECT "sync_id", COUNT(*) AS "n" FROM {tables.RejectedRows} GROUP BY "sync_id") AS r ON r."sync_id" = i."sync_id"
            LEFT JOIN {tables.SyncConfig} AS c ON c."sync_id" = i."sync_id"
            LEFT JOIN (SELECT "sync_id", "started_at", "ended_at", "status", "added", "changed", "removed", "rejected", "failed", "requests",
                         ROW_NUMBER() OVER (PARTITION BY "sync_id" ORDER BY "started_at" DESC, "run_id" DESC) AS "rn"
                       FROM {tables.Runs}) AS l ON l."sync_id" = i."sync_id" AND l."rn" = 1
            {filter}
            ORDER BY i."sync_id"
            """;
        var summaries = new List<SyncStateSummary>();
        await using var command = WarehouseCommand.Create(warehouse.Connection, sql, syncId is null ? [] : [syncId]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            summaries.Add(new SyncStateSummary(
                reader.GetString(0), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)),
                reader.IsDBNull(3) ? null : new StoredMapping(reader.GetString(3), reader.GetDateTime(4), (RowFingerprintFormat)Long(reader, 14)),
                Time(reader, 5), Time(reader, 6),
                reader.IsDBNull(7) ? null : Enum.Parse<RunStatus>(reader.GetString(7), ignoreCase: true),
                reader.IsDBNull(5) ? null : new RunCounts(Long(reader, 8), Long(reader, 9), Long(reader, 10), Long(reader, 11), Long(reader, 12), Long(reader, 13))));
        }
        return summaries;
    }

    /// <summary>
    /// Rows waiting for a retry after the destination refused them, most recently refused first, at most
    /// <paramref name="limitPerSync"/> per sync, for the given syncs.
    /// </summary>
    public async Task<IReadOnlyList<PendingRejectedRow>> ReadRejectedAsync(
        IReadOnlyCollection<string> syncIds, int limitPerSync, CancellationToken cancellationToken)
    {
        if (syncIds.Count == 0 || !schema.Exists) return [];
        var sql = $"""
            SELECT "sync_id", "primary_key", "reason", "sample", "attempts", "first_seen", "last_seen"
            FROM (
              SELECT r.*, ROW_NUMBER() OVER (PARTITION BY "sync_id" ORDER BY "last_seen" DESC, "primary_key") AS "n"
              FROM {tables.RejectedRows} AS r
              WHERE "sync_id" IN ({string.Join(", ", syncIds.Select((_, i) => "$" + (i + 2)))})
            ) AS x
            WHERE "n" <= $1
            ORDER BY "sync_id", "last_seen" DESC, "primary_key"
            """;
        var rows = new List<PendingRejectedRow>();
        await using var command = WarehouseCommand.Create(warehouse.Connection, sql, [limitPerSync, .. syncIds]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new PendingRejectedRow(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), Convert.ToInt32(reader.GetValue(4)), reader.GetDateTime(5), reader.GetDateTime(6)));
        return rows;
    }

    private static DateTime? Time(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);

    /// <summary>
    /// The sync's fingerprint format from <c>sync_config</c> (<paramref name="alias"/> its table alias and dot, or empty):
    /// a ledger before version 3 (read as it is by plan and state show) has no format column, and every fingerprint in it is seeded.
    /// </summary>
    private string FingerprintFormat(string alias) =>
        schema.Version >= StateMigrations.RowFingerprintVersion ? $"COALESCE({alias}\"row_fingerprint\", {(int)RowFingerprintFormat.Seeded})" : $"{(int)RowFingerprintFormat.Seeded}";

    private static long Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal));
}
