using System.Data.Common;
using System.Globalization;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State;

/// <summary>
/// Writes the sync-state journal, stored in the warehouse next to the data (schema <c>retl_state</c> unless
/// configured): per sync, the fingerprint of every row a destination acknowledged, the mapping's config fingerprint,
/// runs and rows the destination rejected. Times are stored as UTC <c>TIMESTAMP</c>, read from the caller's clock.
/// Reading is <see cref="StateLedgerView"/>'s job; locks are <see cref="SyncLock"/>'s.
/// </summary>
/// <remarks>
/// The ledger must be migrated first (<see cref="StateSchemaMigrator"/>, once per run): this class trusts the
/// <see cref="LedgerSchema"/> it is given and never queries the schema's version.
/// Commit rule: state is written only for acknowledged rows, one transaction per acknowledged batch
/// (<see cref="CommitAsync"/>), so a crash loses at most the batch in flight, which the next diff resends.
/// <see cref="CommitAsync"/>, <see cref="ResetAsync"/> and <see cref="RecordMappingAsync"/> are idempotent;
/// <see cref="RecordRejectedAsync"/> is not (it counts attempts).
/// </remarks>
public sealed class StateLedger
{
    private readonly IWarehouse warehouse;
    private readonly TimeProvider clock;
    private readonly LedgerTables tables;
    private readonly Portable.PortableLedgerWrites? portable;

    public StateLedger(IWarehouse warehouse, LedgerSchema schema, TimeProvider time)
    {
        schema.EnsureWritable();
        this.warehouse = warehouse;
        clock = time;
        tables = new LedgerTables(warehouse.Dialect, schema.Name);
        Schema = schema;
        if (!warehouse.Dialect.Traits.NativeUpserts) portable = new Portable.PortableLedgerWrites(warehouse, tables);
    }

    public LedgerSchema Schema { get; }

    /// <summary>Migrates the ledger (for a command that writes it once, such as <c>retl state reset</c>) and returns its writer.</summary>
    public static async Task<StateLedger> OpenAsync(IWarehouse warehouse, string schema, TimeProvider time, CancellationToken cancellationToken) =>
        new(warehouse, await new StateSchemaMigrator(warehouse, schema, time).MigrateAsync(cancellationToken), time);

    /// <summary>
    /// Records one acknowledged batch in one transaction: added and changed rows upsert their fingerprint and
    /// destination id, removed rows leave state, and every acknowledged key leaves <c>rejected_rows</c>.
    /// A key given twice counts once (the last one).
    /// </summary>
    /// <param name="clearRejected">
    /// False when the sync is known to have no row waiting in <c>rejected_rows</c> (see <see cref="HasRejectedAsync"/>):
    /// the batch then costs one statement instead of two.
    /// </param>
    public async Task CommitAsync(string syncId, IReadOnlyList<AcknowledgedRow> rows, CancellationToken cancellationToken, bool clearRejected = true)
    {
        if (rows.Count == 0) return;
        var last = rows.GroupBy(r => r.PrimaryKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var upserts = last.Where(r => r.Kind != ChangeKind.Removed).ToList();
        var removals = last.Where(r => r.Kind == ChangeKind.Removed).Select(r => r.PrimaryKey).ToList();
        if (portable is not null)
        {
            await InTransactionAsync(t => portable.CommitAsync(t, syncId, last, clearRejected, UtcTimestamp(clock), cancellationToken), cancellationToken);
            return;
        }

        await using var transaction = await warehouse.Connection.BeginTransactionAsync(cancellationToken);
        if (upserts.Count > 0)
        {
            await ExecuteAsync(transaction, $"""
                INSERT INTO {tables.SyncedRows} ("sync_id", "primary_key", "fingerprint", "destination_id", "synced_at", "primary_key_int")
                SELECT $1, UNNEST($2::TEXT[]), UNNEST($3::TEXT[]), UNNEST($4::TEXT[]), $5, UNNEST($6::BIGINT[])
                ON CONFLICT ("sync_id", "primary_key") DO UPDATE SET
                  "fingerprint" = excluded."fingerprint", "destination_id" = excluded."destination_id", "synced_at" = excluded."synced_at"
                """, cancellationToken,
                syncId, upserts.Select(r => r.PrimaryKey).ToList(), upserts.Select(r => r.Fingerprint).ToList(),
                upserts.Select(r => r.DestinationId).ToList(), UtcTimestamp(clock), upserts.Select(r => IntegerKey(r.PrimaryKey)).ToList());
        }
        if (removals.Count > 0)
            await ExecuteAsync(transaction, DeleteKeys(tables.SyncedRows), cancellationToken, syncId, removals);
        if (clearRejected)
            await ExecuteAsync(transaction, DeleteKeys(tables.RejectedRows), cancellationToken, syncId, last.Select(r => r.PrimaryKey).ToList());
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether any row of the sync waits in <c>rejected_rows</c>.</summary>
    public async Task<bool> HasRejectedAsync(string syncId, CancellationToken cancellationToken)
    {
        await using var command = WarehouseCommand.Create(warehouse.Connection,
            $"""SELECT COUNT(*) FROM (SELECT 1 FROM {tables.RejectedRows} WHERE "sync_id" = $1 LIMIT 1) AS r""", [syncId]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Records rows the destination refused (one transaction): <c>attempts</c> grows by one per call. They are not
    /// written to <c>synced_rows</c>, so the next diff reports them again and they are retried.
    /// </summary>
    public async Task RecordRejectedAsync(string syncId, IReadOnlyList<RejectedRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        var last = rows.GroupBy(r => r.PrimaryKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (portable is not null)
        {
            await InTransactionAsync(t => portable.RecordRejectedAsync(t, syncId, last, UtcTimestamp(clock), cancellationToken), cancellationToken);
            return;
        }
        await using var transaction = await warehouse.Connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(transaction, $"""
            INSERT INTO {tables.RejectedRows} AS r ("sync_id", "primary_key", "reason", "sample", "attempts", "first_seen", "last_seen")
            SELECT $1, UNNEST($2::TEXT[]), UNNEST($3::TEXT[]), UNNEST($4::TEXT[]), 1, $5, $5
            ON CONFLICT ("sync_id", "primary_key") DO UPDATE SET
              "reason" = excluded."reason", "sample" = excluded."sample", "attempts" = r."attempts" + 1, "last_seen" = excluded."last_seen"
            """, cancellationToken,
            syncId, last.Select(r => r.PrimaryKey).ToList(), last.Select(r => r.Reason).ToList(),
            last.Select(r => r.Sample).ToList(), UtcTimestamp(clock));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Records the mapping (config fingerprint) a run goes under, before it sends anything, with the format of the row
    /// fingerprints it writes; <c>updated_at</c> moves only when they change, so it says since when the mapping is in
    /// effect. With <paramref name="clearFingerprints"/> (<see cref="StoredMapping.FingerprintsStale"/>) the sync's
    /// stored fingerprints are emptied first, in the same transaction: each row then reads as changed until a batch
    /// acknowledged under the new mapping stores its fingerprint again, so a run killed midway resends only the rest.
    /// <c>retl plan</c> compares the mapping to announce a change.
    /// </summary>
    public async Task RecordMappingAsync(
        string syncId, string configFingerprint, RowFingerprintFormat fingerprints, bool clearFingerprints, CancellationToken cancellationToken)
    {
        var (format, now) = ((int)fingerprints, UtcTimestamp(clock));
        await InTransactionAsync(async t =>
        {
            if (clearFingerprints)
                await ExecuteAsync(t, $"""UPDATE {tables.SyncedRows} SET "fingerprint" = '' WHERE "sync_id" = $1""", cancellationToken, syncId);
            if (portable is not null)
                await portable.RecordMappingAsync(t, syncId, configFingerprint, format, now, cancellationToken);
            else
                await ExecuteAsync(t, $"""
                    INSERT INTO {tables.SyncConfig} AS c ("sync_id", "config_fingerprint", "updated_at", "row_fingerprint") VALUES ($1, $2, $3, $4)
                    ON CONFLICT ("sync_id") DO UPDATE SET "config_fingerprint" = excluded."config_fingerprint", "updated_at" = excluded."updated_at",
                      "row_fingerprint" = excluded."row_fingerprint"
                    WHERE c."config_fingerprint" <> excluded."config_fingerprint" OR COALESCE(c."row_fingerprint", 1) <> excluded."row_fingerprint"
                    """, cancellationToken, syncId, configFingerprint, now, format);
        }, cancellationToken);
    }

    /// <summary>Records the start of a run (status <c>running</c>) and returns its id.</summary>
    public async Task<string> StartRunAsync(string syncId, string command, CancellationToken cancellationToken)
    {
        var runId = Guid.CreateVersion7(clock.GetUtcNow()).ToString();
        await ExecuteAsync(null, $"""
            INSERT INTO {tables.Runs} ("run_id", "sync_id", "command", "started_at", "status") VALUES ($1, $2, $3, $4, $5)
            """, cancellationToken, runId, syncId, command, UtcTimestamp(clock), StatusText(RunStatus.Running));
        return runId;
    }

    public Task FinishRunAsync(string runId, RunStatus status, RunCounts counts, CancellationToken cancellationToken) =>
        ExecuteAsync(null, $"""
            UPDATE {tables.Runs} SET "ended_at" = $2, "status" = $3, "added" = $4, "changed" = $5, "removed" = $6,
              "rejected" = $7, "failed" = $8, "requests" = $9
            WHERE "run_id" = $1
            """, cancellationToken, runId, UtcTimestamp(clock), StatusText(status),
            counts.Added, counts.Changed, counts.Removed, counts.Rejected, counts.Failed, counts.Requests);

    /// <summary>Forgets a sync (one transaction): its row state, config fingerprint and rejected rows. Run history stays.</summary>
    public async Task ResetAsync(string syncId, CancellationToken cancellationToken)
    {
        await using var transaction = await warehouse.Connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in tables.SyncState)
            await ExecuteAsync(transaction, $"""DELETE FROM {table} WHERE "sync_id" = $1""", cancellationToken, syncId);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The key as a BIGINT when its text is exactly what casting that integer to text gives (so an integer-keyed
    /// model can join its state on integers), else null. Migration 2 applies the same rule to existing rows.
    /// </summary>
    internal static long? IntegerKey(string primaryKey) =>
        long.TryParse(primaryKey, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        && value.ToString(CultureInfo.InvariantCulture) == primaryKey ? value : null;

    /// <summary>Now, as a UTC wall-clock <see cref="DateTime"/> for a <c>TIMESTAMP</c> column.</summary>
    internal static DateTime UtcTimestamp(TimeProvider time) => DateTime.SpecifyKind(time.GetUtcNow().UtcDateTime, DateTimeKind.Unspecified);

    /// <summary>One transaction of writes, rerun when the warehouse aborts it for a serialization conflict (Redshift).</summary>
    private Task InTransactionAsync(Func<DbTransaction, Task> writes, CancellationToken cancellationToken) =>
        Portable.SerializableRetry.RunAsync(async () =>
        {
            await using var transaction = await warehouse.Connection.BeginTransactionAsync(cancellationToken);
            await writes(transaction);
            await transaction.CommitAsync(cancellationToken);
        }, clock, cancellationToken);

    private static string DeleteKeys(string table) =>
        $"""DELETE FROM {table} WHERE "sync_id" = $1 AND "primary_key" IN (SELECT UNNEST($2::TEXT[]))""";

    private static string StatusText(RunStatus status) => status.ToString().ToLowerInvariant();

    private Task<int> ExecuteAsync(DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        WarehouseCommand.ExecuteAsync(warehouse.Connection, transaction, sql, cancellationToken, parameters);
}
