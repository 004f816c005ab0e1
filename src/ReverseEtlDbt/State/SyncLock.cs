using System.Data.Common;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.State;

/// <summary>
/// One writer per sync. Hold the handle for the whole run; dispose it to release.
/// </summary>
/// <remarks>
/// PostgreSQL: a session advisory lock, <c>pg_try_advisory_lock(hashtext('retl:' || ledger schema || ':' || sync_id))</c>,
/// which the server releases if the runner's connection dies; a row in <c>locks</c> only says who holds it. The key names
/// the ledger: two ledgers on one database (a dev and a prod state schema) never block each other's syncs.
/// DuckDB: a lease row in <c>locks</c> with an expiry, taken in a transaction if absent or expired (a crashed
/// runner's lease lapses after <c>lease</c>); a long run calls <see cref="RenewAsync"/> between batches. Note that a
/// DuckDB file also admits only one writing process, so the lease guards runners sharing one process or taking
/// turns on the file.
/// </remarks>
public sealed class SyncLock : IAsyncDisposable
{
    public static TimeSpan DefaultLease { get; } = TimeSpan.FromMinutes(10);

    private readonly IWarehouse warehouse;
    private readonly LedgerTables tables;
    private readonly TimeProvider time;
    private readonly TimeSpan lease;
    private readonly string advisoryKey;
    private bool released;
    private DateTime leasedAt;

    private SyncLock(IWarehouse warehouse, string ledger, string syncId, string holder, TimeProvider time, TimeSpan lease)
    {
        this.warehouse = warehouse;
        tables = new LedgerTables(warehouse.Dialect, ledger);
        advisoryKey = $"retl:{ledger}:{syncId}";
        this.time = time;
        this.lease = lease;
        SyncId = syncId;
        Holder = holder;
    }

    public string SyncId { get; }
    public string Holder { get; }

    /// <summary>This process: <c>host:pid</c>.</summary>
    public static string DefaultHolder => $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Takes the sync's lock or throws <see cref="SyncLockedException"/> naming the holder. The ledger must have been
    /// migrated by this run (<see cref="StateSchemaMigrator"/>); lease times come from <paramref name="time"/>.
    /// </summary>
    public static async Task<SyncLock> AcquireAsync(
        IWarehouse warehouse, LedgerSchema ledger, string syncId, string holder, TimeProvider time, CancellationToken cancellationToken,
        TimeSpan? lease = null)
    {
        ledger.EnsureWritable();
        var handle = new SyncLock(warehouse, ledger.Name, syncId, holder, time, lease ?? DefaultLease);
        if (Advisory(warehouse)) await handle.AcquireAdvisoryAsync(cancellationToken);
        else await handle.AcquireLeaseAsync(cancellationToken);
        return handle;
    }

    /// <summary>
    /// Extends a DuckDB lease by another lease period once a third of it has passed since it was taken or last extended
    /// (called between batches: a statement per batch would be waste); a no-op on PostgreSQL, where the session holds the lock.
    /// </summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        if (Advisory(warehouse) || Now() - leasedAt < lease / 3) return;
        var renewed = await ExecuteAsync(null, $"""UPDATE {tables.Locks} SET "expires_at" = $3 WHERE "sync_id" = $1 AND "holder" = $2""",
            cancellationToken, SyncId, Holder, Now() + lease);
        if (renewed == 0) throw await LockedAsync(cancellationToken);
        leasedAt = Now();
    }

    public async ValueTask DisposeAsync()
    {
        if (released) return;
        released = true;
        await ExecuteAsync(null, $"""DELETE FROM {tables.Locks} WHERE "sync_id" = $1 AND "holder" = $2""", CancellationToken.None, SyncId, Holder);
        if (Advisory(warehouse))
            await ExecuteAsync(null, "SELECT pg_advisory_unlock(hashtext($1))", CancellationToken.None, advisoryKey);
    }

    private async Task AcquireAdvisoryAsync(CancellationToken cancellationToken)
    {
        await using (var command = WarehouseCommand.Create(warehouse.Connection, "SELECT pg_try_advisory_lock(hashtext($1))", [advisoryKey]))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is not true) throw await LockedByPeerAsync(cancellationToken);
        }
        // The advisory lock is ours, so any row left by a runner whose session died is stale: replace it.
        await ExecuteAsync(null, $"""
            INSERT INTO {tables.Locks} ("sync_id", "holder", "acquired_at", "expires_at") VALUES ($1, $2, $3, NULL)
            ON CONFLICT ("sync_id") DO UPDATE SET "holder" = excluded."holder", "acquired_at" = excluded."acquired_at", "expires_at" = NULL
            """, cancellationToken, SyncId, Holder, Now());
    }

    private async Task AcquireLeaseAsync(CancellationToken cancellationToken)
    {
        if (await TryLeaseAsync(cancellationToken)) return;
        var (holder, _) = await ReadHolderAsync(cancellationToken);
        if (holder == Holder) return;
        if (holder is null || !IsDeadProcessOnThisHost(holder)) throw await LockedAsync(cancellationToken);
        // The holder was killed (SIGKILL, OOM) before it could release: its lease must not block the sync until it expires.
        await ExecuteAsync(null, $"""DELETE FROM {tables.Locks} WHERE "sync_id" = $1 AND "holder" = $2""", cancellationToken, SyncId, holder);
        if (!await TryLeaseAsync(cancellationToken)) throw await LockedAsync(cancellationToken);
    }

    /// <summary>
    /// True when <paramref name="holder"/> (<c>host:pid</c>) names a process of this host that no longer runs. A DuckDB
    /// file has one writing process at a time, so a lease row of a dead local process can only be a leftover.
    /// </summary>
    internal static bool IsDeadProcessOnThisHost(string holder)
    {
        var colon = holder.LastIndexOf(':');
        if (colon <= 0 || holder[..colon] != Environment.MachineName
            || !int.TryParse(holder[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Takes the lease when it is free or expired, in one statement; true when this runner now holds it.</summary>
    private async Task<bool> TryLeaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            var taken = warehouse.Dialect.Traits.Locking switch
            {
                LockKind.LeaseTableLock => await LeaseStatements.TakeUnderTableLockAsync(warehouse, tables, SyncId, Holder, Now(), Now() + lease, cancellationToken),
                LockKind.LeaseMerge => await LeaseStatements.TakeWithMergeAsync(warehouse, tables, SyncId, Holder, Now(), Now() + lease, cancellationToken),
                _ => await TakeWithUpsertAsync(cancellationToken),
            };
            if (taken) leasedAt = Now();
            return taken;
        }
        catch (DbException)
        {
            // A concurrent runner committed its lease first (DuckDB reports a constraint or write-write conflict;
            // Redshift a serializable isolation violation; PostgreSQL a unique violation of a concurrent MERGE).
            throw await LockedAsync(cancellationToken);
        }
    }

    /// <summary>DuckDB: the lease in one <c>INSERT … ON CONFLICT … RETURNING</c>.</summary>
    private async Task<bool> TakeWithUpsertAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await warehouse.Connection.BeginTransactionAsync(cancellationToken);
        bool taken;
        await using (var command = WarehouseCommand.Create(warehouse.Connection, $"""
            INSERT INTO {tables.Locks} AS l ("sync_id", "holder", "acquired_at", "expires_at") VALUES ($1, $2, $3, $4)
            ON CONFLICT ("sync_id") DO UPDATE SET "holder" = excluded."holder", "acquired_at" = excluded."acquired_at", "expires_at" = excluded."expires_at"
            WHERE l."expires_at" < $3
            RETURNING "holder"
            """, [SyncId, Holder, Now(), Now() + lease], transaction))
            taken = await command.ExecuteScalarAsync(cancellationToken) is string holder && holder == Holder;
        await transaction.CommitAsync(cancellationToken);
        return taken;
    }

    /// <summary>The holder writes its <c>locks</c> row just after taking the advisory lock: give it a moment to appear.</summary>
    private async Task<SyncLockedException> LockedByPeerAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (holder, since) = await ReadHolderAsync(cancellationToken);
            if (holder is not null) return new SyncLockedException(SyncId, holder, since);
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
        return new SyncLockedException(SyncId, null, null);
    }

    private async Task<SyncLockedException> LockedAsync(CancellationToken cancellationToken)
    {
        var (holder, since) = await ReadHolderAsync(cancellationToken);
        return new SyncLockedException(SyncId, holder, since);
    }

    private async Task<(string? Holder, DateTime? Since)> ReadHolderAsync(CancellationToken cancellationToken)
    {
        await using var command = WarehouseCommand.Create(warehouse.Connection,
            $"""SELECT "holder", "acquired_at" FROM {tables.Locks} WHERE "sync_id" = $1""", [SyncId]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetDateTime(1)) : (null, null);
    }

    private DateTime Now() => StateLedger.UtcTimestamp(time);

    private static bool Advisory(IWarehouse warehouse) => warehouse.Dialect.Traits.Locking == LockKind.Advisory;

    private Task<int> ExecuteAsync(DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] parameters) =>
        WarehouseCommand.ExecuteAsync(warehouse.Connection, transaction, sql, cancellationToken, parameters);
}
