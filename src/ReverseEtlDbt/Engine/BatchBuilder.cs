using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// Groups mapped rows into batches of the destination's size, one operation per batch. Rows that need no request
/// (removals outside mirror mode, changes in insert mode) form local batches that are only acknowledged in state.
/// </summary>
internal sealed class BatchBuilder
{
    private readonly DestinationSync sync;
    private readonly int size;
    private readonly Dictionary<WriteOperation, List<PendingRow>> open = [];
    private readonly List<PendingRow> local = [];

    public BatchBuilder(DestinationSync sync, int batchSize)
    {
        this.sync = sync;
        size = Math.Max(1, batchSize);
    }

    public PendingBatch? Add(DiffRow row, RecordChange change)
    {
        var pending = PendingRow.Of(row, change);
        if (OperationFor(row.Kind) is not { } operation)
        {
            local.Add(pending);
            return local.Count >= size ? Take(null) : null;
        }
        if (!open.TryGetValue(operation, out var rows)) open[operation] = rows = [];
        rows.Add(pending);
        return rows.Count >= size ? Take(operation) : null;
    }

    /// <summary>The partly filled batches at the end of the diff.</summary>
    public IEnumerable<PendingBatch> Drain()
    {
        foreach (var operation in open.Keys.ToList())
            if (open[operation].Count > 0) yield return Take(operation);
        if (local.Count > 0) yield return Take(null);
    }

    private WriteOperation? OperationFor(ChangeKind kind) => (kind, sync.Mode) switch
    {
        (ChangeKind.Removed, SyncMode.Mirror) => sync.Delete switch
        {
            DeletePolicy.Archive => WriteOperation.Archive,
            DeletePolicy.Delete => WriteOperation.Delete,
            _ => null,
        },
        (ChangeKind.Removed, _) => null,
        (ChangeKind.Changed, SyncMode.Insert) => null,
        (_, SyncMode.Insert) => WriteOperation.Insert,
        (_, SyncMode.Update) => WriteOperation.Update,
        _ => WriteOperation.Upsert,
    };

    private PendingBatch Take(WriteOperation? operation)
    {
        var source = operation is { } op ? open[op] : local;
        var rows = source.ToList();
        source.Clear();
        if (operation is not { } write) return new PendingBatch(rows, null);
        var changes = rows.Select(r => r.Change).ToList();
        var key = RowMapper.IdempotencyKey(sync.Id, write.ToString(), string.Join(',', changes.Select(c => c.IdempotencyKey)));
        return new PendingBatch(rows, new DestinationBatch(sync, write, changes) { BatchKey = key });
    }
}

internal sealed record PendingRow(
    ChangeKind Kind, string PrimaryKey, string Fingerprint, string? DestinationId,
    IReadOnlyDictionary<string, object?> Values, RecordChange Change)
{
    public static PendingRow Of(DiffRow row, RecordChange change) =>
        new(row.Kind, row.PrimaryKey, row.Fingerprint, row.DestinationId, row.Values, change);
}

/// <summary>Rows of one batch; <see cref="Request"/> is null for rows acknowledged without a request.</summary>
internal sealed record PendingBatch(IReadOnlyList<PendingRow> Rows, DestinationBatch? Request);
