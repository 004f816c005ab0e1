using System.Data.Common;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State;

/// <summary>
/// The sync-state journal, stored in the warehouse next to the data (schema <c>retl_state</c> unless configured):
/// per sync, the fingerprint of every row a destination acknowledged, the mapping's config fingerprint, runs,
/// rows the destination rejected, and locks. Times are stored as UTC <c>TIMESTAMP</c>.
/// </summary>
/// <remarks>
/// Commit rule: state is written only for acknowledged rows, one transaction per acknowledged batch
/// (<see cref="CommitAsync"/>), so a crash loses at most the batch in flight, which the next diff resends.
/// <see cref="CommitAsync"/>, <see cref="ResetAsync"/> and <see cref="EnsureCreatedAsync"/> are idempotent;
/// <see cref="RecordRejectedAsync"/> is not (it counts attempts).
/// </remarks>
public sealed class StateLedger(IWarehouse warehouse, string schema = "retl_state", TimeProvider? time = null)
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private bool created;

    public string Schema => schema;

    /// <summary>Creates or migrates the state schema (once per ledger instance; cheap afterwards).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (created) return;
        await new StateSchemaMigrator(warehouse, schema, clock).MigrateAsync(cancellationToken);
        created = true;
    }

    /// <summary>
    /// Records one acknowledged batch in one transaction: added and changed rows upsert their fingerprint and
    /// destination id, removed rows leave state, and every acknowledged key leaves <c>rejected_rows</c>.
    /// A key given twice counts once (the last one).
    /// </summary>
    public async Task CommitAsync(string syncId, IReadOnlyList<AcknowledgedRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        await EnsureCreatedAsync(cancellationToken);
        var last = rows.GroupBy(r => r.PrimaryKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var upserts = last.Where(r => r.Kind != ChangeKind.Removed).ToList();
        var removals = last.Where(r => r.Kind == ChangeKind.Removed).Select(r => r.PrimaryKey).ToList();

        await using var transaction = await warehouse.Connection.BeginTransactionAsync(cancellationToken);
        if (upserts.Count > 0)
        {
            await ExecuteAsync(transaction, $"""
                INSERT INTO {Table("synced_rows")} ("sync_id", "primary_key", "fingerprint", "destination_id", "synced_at", "primary_key_int")
                SELECT $1, UNNEST($2::TEXT[]), UNNEST($3::TEXT[]), UNNEST($4::TEXT[]), $5, UNNEST($6::BIGINT[])
                ON CONFLICT ("sync_id", "primary_key") DO UPDATE SET
                  "fingerprint" = excluded."fingerprint", "destination_id" = excluded."destination_id", "synced_at" = excluded."synced_at"
                """, cancellationToken,
                syncId, upserts.Select(r => r.PrimaryKey).ToList(), upserts.Select(r => r.Fingerprint).ToList(),
                upserts.Select(r => r.DestinationId).ToList(), UtcTimestamp(clock), upserts.Select(r => IntegerKey(r.PrimaryKey)).ToList());
        }
        if (removals.Count > 0)
            await ExecuteAsync(transaction, DeleteKeys("synced_rows"), cancellationToken, syncId, removals);
        await ExecuteAsync(transaction, DeleteKeys("rejected_rows"), cancellationToken, syncId, last.Select(r => r.PrimaryKey).ToList());
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Records rows the destination refused (one transaction): <c>attempts</c> grows by one per call. They are not
    /// written to <c>synced_rows</c>, so the next diff reports them again and they are retried.
    /// </summary>
    public async Task RecordRejectedAsync(string syncId, IReadOnlyList<RejectedRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        await EnsureCreatedAsync(cancellationToken);
        var last = rows.GroupBy(r => r.PrimaryKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        await using var transaction = await warehouse.Connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(transaction, $"""
            INSERT INTO {Table("rejected_rows")} AS r ("sync_id", "primary_key", "reason", "sample", "attempts", "first_seen", "last_seen")
            SELECT $1, UNNEST($2::TEXT[]), UNNEST($3::TEXT[]), UNNEST($4::TEXT[]), 1, $5, $5
            ON CONFLICT ("sync_id", "primary_key") DO UPDATE SET
              "reason" = excluded."reason", "sample" = excluded."sample", "attempts" = r."attempts" + 1, "last_seen" = excluded."last_seen"
            """, cancellationToken,
            syncId, last.Select(r => r.PrimaryKey).ToList(), last.Select(r => r.Reason).ToList(),
            last.Select(r => r.Sample).ToList(), UtcTimestamp(clock));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The config fingerprint stored for the sync, or null before its first run.</summary>
    public async Task<string?> GetConfigFingerprintAsync(string syncId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var command = WarehouseCommand.Create(warehouse.Connection,
            $"""SELECT "config_fingerprint" FROM {Table("sync_config")} WHERE "sync_id" = $1""", [syncId]);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Stores the sync's config fingerprint (idempotent); call once the run under that mapping has finished.</summary>
    public async Task SetConfigFingerprintAsync(string syncId, string configFingerprint, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await ExecuteAsync(null, $"""
            INSERT INTO {Table("sync_config")} ("sync_id", "config_fingerprint", "updated_at") VALUES ($1, $2, $3)
            ON CONFLICT ("sync_id") DO UPDATE SET "config_fingerprint" = excluded."config_fingerprint", "updated_at" = excluded."updated_at"
            """, cancellationToken, syncId, configFingerprint, UtcTimestamp(clock));
    }

    /// <summary>Records the start of a run (status <c>running</c>) and returns its id.</summary>
    public async Task<string> StartRunAsync(string syncId, string command, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var runId = Guid.CreateVersion7(clock.GetUtcNow()).ToString();
        await ExecuteAsync(null, $"""
            INSERT INTO {Table("runs")} ("run_id", "sync_id", "command", "started_at", "status") VALUES ($1, $2, $3, $4, $5)
            """, cancellationToken, runId, syncId, command, UtcTimestamp(clock), StatusText(RunStatus.Running));
        return runId;
    }

    public async Task FinishRunAsync(string runId, RunStatus status, RunCounts counts, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await ExecuteAsync(null, $"""
            UPDATE {Table("runs")} SET "ended_at" = $2, "status" = $3, "added" = $4, "changed" = $5, "removed" = $6,
              "rejected" = $7, "failed" = $8, "requests" = $9
            WHERE "run_id" = $1
            """, cancellationToken, runId, UtcTimestamp(clock), StatusText(status),
            counts.Added, counts.Changed, counts.Removed, counts.Rejected, counts.Failed, counts.Requests);
    }

    /// <summary>Whether the ledger exists in the warehouse (it is created by the first sync, never by looking).</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        await using var command = WarehouseCommand.Create(warehouse.Connection,
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'runs'", [schema]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    /// <summary>
    /// One summary per sync known to the ledger (or only <paramref name="syncId"/>), ordered by sync id, with its last
    /// run. Read-only: a warehouse without a ledger has no summaries, and looking does not create one.
    /// </summary>
    public async Task<IReadOnlyList<SyncStateSummary>> ShowAsync(string? syncId, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cancellationToken)) return [];
        var filter = syncId is null ? "" : "WHERE i.\"sync_id\" = $1";
        var sql = $"""
            WITH "ids" AS (
              SELECT "sync_id" FROM {Table("synced_rows")} UNION SELECT "sync_id" FROM {Table("sync_config")}
              UNION SELECT "sync_id" FROM {Table("runs")} UNION SELECT "sync_id" FROM {Table("rejected_rows")})
            SELECT i."sync_id", COALESCE(s."n", 0), COALESCE(r."n", 0), c."config_fingerprint", l."started_at", l."ended_at", l."status",
                   l."added", l."changed", l."removed", l."rejected", l."failed", l."requests"
            FROM "ids" AS i
            LEFT JOIN (SELECT "sync_id", COUNT(*) AS "n" FROM {Table("synced_rows")} GROUP BY "sync_id") AS s ON s."sync_id" = i."sync_id"
            LEFT JOIN (SELECT "sync_id", COUNT(*) AS "n" FROM {Table("rejected_rows")} GROUP BY "sync_id") AS r ON r."sync_id" = i."sync_id"
            LEFT JOIN {Table("sync_config")} AS c ON c."sync_id" = i."sync_id"
            LEFT JOIN (SELECT "sync_id", "started_at", "ended_at", "status", "added", "changed", "removed", "rejected", "failed", "requests",
                         ROW_NUMBER() OVER (PARTITION BY "sync_id" ORDER BY "started_at" DESC, "run_id" DESC) AS "rn"
                       FROM {Table("runs")}) AS l ON l."sync_id" = i."sync_id" AND l."rn" = 1
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
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetDateTime(4), reader.IsDBNull(5) ? null : reader.GetDateTime(5),
                reader.IsDBNull(6) ? null : Enum.Parse<RunStatus>(reader.GetString(6), ignoreCase: true),
                reader.IsDBNull(4) ? null : new RunCounts(Long(reader, 7), Long(reader, 8), Long(reader, 9), Long(reader, 10), Long(reader, 11), Long(reader, 12))));
        }
        return summaries;
    }

    private static long Long(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal));

    /// <summary>
    /// Rows waiting for a retry after the destination refused them, most recently refused first, at most
    /// <paramref name="limitPerSync"/> per sync, for the given syncs. Read-only, like <see cref="ShowAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<PendingRejectedRow>> ReadRejectedAsync(
        IReadOnlyCollection<string> syncIds, int limitPerSync, CancellationToken cancellationToken)
    {
        if (syncIds.Count == 0 || !await ExistsAsync(cancellationToken)) return [];
        var sql = $"""
            SELECT "sync_id", "primary_key", "reason", "sample", "attempts", "first_seen", "last_seen"
            FROM (
              SELECT r.*, ROW_NUMBER() OVER (PARTITION BY "sync_id" ORDER BY "last_seen" DESC, "primary_key") AS "n"
              FROM {Table("rejected_rows")} AS r
              WHERE "sync_id" IN (SELECT UNNEST($1::TEXT[]))
            ) AS x
            WHERE "n" <= $2
            ORDER BY "sync_id", "last_seen" DESC, "primary_key"
            """;
        var rows = new List<PendingRejectedRow>();
        await using var command = WarehouseCommand.Create(warehouse.Connection, sql, [syncIds.ToList(), limitPerSync]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new PendingRejectedRow(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), Convert.ToInt32(reader.GetValue(4)), reader.GetDateTime(5), reader.GetDateTime(6)));
        return rows;
    }

    /// <summary>Forgets a sync (one transaction): its row state, config fingerprint and rejected rows. Run history stays.</summary>
    public async Task ResetAsync(string syncId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var transaction = await warehouse.Connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "synced_rows", "sync_config", "rejected_rows" })
            await ExecuteAsync(transaction, $"""DELETE FROM {Table(table)} WHERE "sync_id" = $1""", cancellationToken, syncId);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The key as a BIGINT when its text is exactly what casting that integer to text gives (so an integer-keyed
    /// model can join its state on integers), else null. Migration 2 applies the same rule to existing rows.
    /// </summary>
    internal static long? IntegerKey(string primaryKey) =>
        long.TryParse(primaryKey, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
        && value.ToString(System.Globalization.CultureInfo.InvariantCulture) == primaryKey ? value : null;

    /// <summary>Now, as a UTC wall-clock <see cref="DateTime"/> for a <c>TIMESTAMP</c> column.</summary>
    internal static DateTime UtcTimestamp(TimeProvider time) => DateTime.SpecifyKind(time.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);

    internal string Table(string name) => warehouse.Dialect.QuoteIdentifier(schema) + "." + warehouse.Dialect.QuoteIdentifier(name);

    private string DeleteKeys(string table) =>
        $"""DELETE FROM {Table(table)} WHERE "sync_id" = $1 AND "primary_key" IN (SELECT UNNEST($2::TEXT[]))""";

    private static string StatusText(RunStatus status) => status.ToString().ToLowerInvariant();

    private Task<int> ExecuteAsync(DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        WarehouseCommand.ExecuteAsync(warehouse.Connection, transaction, sql, cancellationToken, parameters);
}
