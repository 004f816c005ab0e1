using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ReverseEtlDbt.Warehouse.Metering;

/// <summary>
/// Counts what the statements run on the connections it is attached to cost (<see cref="WarehouseCost"/>). A sync
/// attaches one meter to each connection it opens, so its cost is its own even when syncs run side by side. Commands
/// made by <see cref="WarehouseCommand"/> on an attached connection report here; thread-safe.
/// </summary>
public sealed class WarehouseMeter
{
    private static readonly ConditionalWeakTable<DbConnection, WarehouseMeter> Attached = new();
    private long statements;
    private long elapsedTicks;
    private long rowsRead;
    private long bytesScanned;
    private int bytesReported;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> queryIds = new();

    /// <summary>Meters every later statement made through <see cref="WarehouseCommand"/> on <paramref name="connection"/>.</summary>
    public void Attach(DbConnection connection) => Attached.AddOrUpdate(connection, this);

    /// <summary>The meter attached to <paramref name="connection"/>, if any.</summary>
    public static WarehouseMeter? Of(DbConnection connection) => Attached.TryGetValue(connection, out var meter) ? meter : null;

    public WarehouseCost Cost => new()
    {
        Statements = Interlocked.Read(ref statements),
        Seconds = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref elapsedTicks)).TotalSeconds,
        RowsRead = Interlocked.Read(ref rowsRead),
        BytesScanned = Volatile.Read(ref bytesReported) == 0 ? null : Interlocked.Read(ref bytesScanned),
        QueryIds = [.. queryIds],
    };

    /// <summary>
    /// What a remote warehouse says a statement was (called by its connector, next to <see cref="Record"/> of the
    /// command): its query id, and the bytes it scanned when the warehouse reports them.
    /// </summary>
    public void RecordRemote(string? queryId, long? bytes)
    {
        if (!string.IsNullOrEmpty(queryId)) queryIds.Enqueue(queryId);
        if (bytes is not { } scanned) return;
        Interlocked.Add(ref bytesScanned, scanned);
        Volatile.Write(ref bytesReported, 1);
    }

    /// <summary>One statement, from its start (a <see cref="Stopwatch.GetTimestamp"/>) until now, and the rows read of its result.</summary>
    internal void Record(long startedAt, long rows)
    {
        Interlocked.Increment(ref statements);
        Interlocked.Add(ref elapsedTicks, Stopwatch.GetTimestamp() - startedAt);
        Interlocked.Add(ref rowsRead, rows);
    }
}
