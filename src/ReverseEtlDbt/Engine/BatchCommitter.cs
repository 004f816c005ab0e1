using System.Text.Json;
using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse.Diff;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.Values;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// The commit stage of a sync: turns the destination's answer to a batch into state (acknowledged rows), recorded
/// rejections (reason and PII-masked sample) and counts. A row without an answer is counted as failed and left out of
/// state, so the next run sends it again. Commits take turns: the state connection serves one batch at a time.
/// </summary>
internal sealed class BatchCommitter(DestinationSync sync, ManifestNode model, ISyncStateWriter state, SyncTally tally) : IDisposable
{
    private const int SampleSize = 5;

    private readonly PiiMasker masker = new(model);
    private readonly SemaphoreSlim turns = new(1, 1);
    private IReadOnlyList<IReadOnlyDictionary<string, object?>> rejectedSample = [];

    public void Dispose() => turns.Dispose();

    /// <summary>Counts the model rows the diff kept out (null or duplicated key) as rejected, with a masked sample.</summary>
    public void CountInvalidKeys(RejectedKeys keys)
    {
        if (keys.Total == 0) return;
        tally.Add(new SyncCounts { Rejected = keys.Total });
        tally.AddOnce(SyncError.InvalidKeys(sync, keys, masker, "were not synced"));
    }

    /// <summary>
    /// Why <paramref name="row"/> cannot be sent: the first column holding an <see cref="UnsendableValue"/> (an infinite
    /// date, a NaN), its value masked when PII; null when every value can travel exactly.
    /// </summary>
    public string? UnsendableReason(DiffRow row)
    {
        foreach (var (column, value) in row.Values)
            if (value is UnsendableValue bad)
                return $"column '{column}' holds '{masker.MaskIfPii(column, bad.Text)}', {bad.Reason}";
        return null;
    }

    /// <summary>Records <paramref name="row"/> as rejected for <paramref name="reason"/> without a request, as a destination's refusal is.</summary>
    public Task<SyncProgressSnapshot> RejectAsync(PendingRow row, string reason) =>
        CommitAsync(new PendingBatch([row], null), new BatchResult([RowOutcome.Rejected(row.PrimaryKey, reason)]));

    /// <summary>Records the answer to <paramref name="batch"/>; returns where the sync stands after it.</summary>
    public async Task<SyncProgressSnapshot> CommitAsync(PendingBatch batch, BatchResult result)
    {
        var (acknowledged, rejected, failed) = Classify(batch, result);
        await turns.WaitAsync(CancellationToken.None);
        try
        {
            if (acknowledged.Count > 0) await state.CommitAsync(acknowledged);
            if (rejected.Count > 0) await state.RecordRejectedAsync(rejected);
            var progress = tally.AddBatch(batch.Rows.Count, new SyncCounts
            {
                Added = acknowledged.Count(r => r.Kind == ChangeKind.Added),
                Changed = acknowledged.Count(r => r.Kind == ChangeKind.Changed),
                Removed = acknowledged.Count(r => r.Kind == ChangeKind.Removed),
                Rejected = rejected.Count,
                Failed = failed,
            });
            if (rejected.Count > 0) tally.Replace(RejectedError(rejected, progress.Counts.Rejected));
            await state.RenewLockAsync();
            return progress;
        }
        finally
        {
            turns.Release();
        }
    }

    private (List<AcknowledgedRow> Acknowledged, List<RejectedRow> Rejected, int Failed) Classify(PendingBatch batch, BatchResult result)
    {
        var outcomes = result.Rows.GroupBy(r => r.PrimaryKey).ToDictionary(g => g.Key, g => g.Last());
        var acknowledged = new List<AcknowledgedRow>();
        var rejected = new List<RejectedRow>();
        var failed = 0;
        foreach (var row in batch.Rows)
        {
            var outcome = outcomes.GetValueOrDefault(row.PrimaryKey);
            switch (outcome?.Status)
            {
                case RowStatus.Ok:
                    acknowledged.Add(new AcknowledgedRow(row.PrimaryKey, row.Kind, row.Fingerprint, outcome.DestinationId ?? row.DestinationId));
                    break;
                case RowStatus.Rejected:
                    rejected.Add(new RejectedRow(row.PrimaryKey, outcome.Reason ?? "rejected", JsonSerializer.Serialize(masker.Mask(row.Values))));
                    break;
                default:
                    failed++; // no answer for this row: not acknowledged, re-sent next run
                    break;
            }
        }
        return (acknowledged, rejected, failed);
    }

    /// <summary>One <c>rows_rejected</c> error per sync, its count the sync's total and its sample the first few keys (masked when PII).</summary>
    private SyncError RejectedError(List<RejectedRow> rejected, long totalRejected)
    {
        rejectedSample = rejectedSample.Concat(rejected.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["primary_key"] = masker.MaskIfPii(sync.PrimaryKey, r.PrimaryKey),
            ["reason"] = r.Reason,
        })).Take(SampleSize).ToList();
        return new SyncError(OutcomeCode.RowsRejected,
            $"{totalRejected} row(s) refused by {sync.Connection}.{sync.Object}; they are retried next run", rejectedSample);
    }
}
