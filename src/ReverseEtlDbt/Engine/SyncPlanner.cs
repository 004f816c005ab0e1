using System.Data.Common;
using System.Diagnostics;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;
using ReverseEtlDbt.Warehouse.Guard;
using ReverseEtlDbt.Warehouse.Metering;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// <c>retl plan</c> for one sync: the contract guard, then what a sync would send (counts by kind and a few sample
/// rows per kind, PII masked), and whether the mapping changed since the last completed run, all read in the
/// warehouse. Read-only: it never creates or migrates the state ledger (a missing ledger reads as empty state, an
/// older one as it is), never takes a lock, and never reaches a destination.
/// </summary>
public sealed class SyncPlanner(
    Func<CancellationToken, Task<IWarehouse>> openWarehouse, DiffOptions options, int sampleSize = 5, string stateSchema = LedgerSchema.DefaultName)
{
    private Task<LedgerSchema>? ledger;

    public async Task<SyncPreview> PlanAsync(SyncPlan plan, CancellationToken cancellationToken)
    {
        var meter = new WarehouseMeter();
        var preview = await PlanAsync(plan, meter, cancellationToken);
        return preview with { Outcome = preview.Outcome with { Warehouse = meter.Cost } };
    }

    private async Task<SyncPreview> PlanAsync(SyncPlan plan, WarehouseMeter meter, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sync = plan.Sync;
        try
        {
            await using var warehouse = await openWarehouse(cancellationToken);
            meter.Attach(warehouse.Connection);
            warehouse.TagQueries("retl:plan:" + sync.Id);
            var guard = await ContractGuard.CheckAsync(warehouse, plan.Model, sync, cancellationToken);
            if (!guard.Passed)
            {
                var table = guard.ToMismatchTable(sync.ModelName, sync.YamlFile);
                return Failed(sync, clock, OutcomeCode.ContractMismatch, table.Render()) with { Mismatches = table };
            }

            var ledger = new StateLedgerView(warehouse, await LedgerOnceAsync(warehouse, cancellationToken));
            var stored = await ledger.ReadMappingAsync(sync.Id, cancellationToken);
            var spec = DiffSpec.For(sync, guard.Relation, options with { State = ledger.Schema.DiffState(warehouse.Dialect) }, guard.TypeOf);
            spec = spec with
            {
                FingerprintFormat = StoredMapping.FormatFor(stored, spec.ConfigFingerprint),
                State = (StoredMapping.FingerprintsStale(stored, spec.ConfigFingerprint) ? spec.State?.WithStaleFingerprints() : spec.State)
                    ?.WithoutDestinationIds(warehouse.Dialect),
            };
            // The sync's own path: one evaluation of the diff into a temporary table (with the key checks), then
            // counts and samples from its changed rows only; keys only, the samples' values joined for them alone (where
            // the diff groups keys, Snowflake and Redshift, the table holds the values and the samples come from it).
            var (diff, rejected) = await new DiffReader(warehouse).MaterializeCheckedAsync(spec, cancellationToken, sampleSize: sampleSize, withValues: false);
            await using var _ = diff;
            spec = diff.Spec;
            var counts = diff.Counts with { Rejected = rejected.Total };
            var masker = new PiiMasker(plan.Model);
            var samples = await diff.SampleAsync(sampleSize, cancellationToken);
            IReadOnlyList<SyncError> errors = rejected.Total == 0 ? [] : [SyncError.InvalidKeys(sync, rejected, masker, "would not be synced")];
            var wouldSend = new SyncCounts { Added = counts.Added, Changed = counts.Changed, Removed = counts.Removed, Rejected = counts.Rejected };
            return new SyncPreview
            {
                Outcome = new SyncOutcome
                {
                    Sync = sync,
                    Counts = wouldSend,
                    ExecutionTime = clock.Elapsed.TotalSeconds,
                    Errors = errors,
                    MappingChange = MappingChangeOf(stored, spec, counts),
                },
                Columns = [spec.PrimaryKey, .. spec.Columns],
                Samples = samples.Select(r => new PreviewRow(r.Kind, r.Kind == ChangeKind.Removed
                    ? new Dictionary<string, object?> { [spec.PrimaryKey] = masker.MaskIfPii(spec.PrimaryKey, r.PrimaryKey) }
                    : masker.Mask(r.Values))).ToList(),
                Estimate = RequestEstimate.For(sync, counts, plan.Settings.BatchSize, plan.Settings.Limit),
            };
        }
        catch (ConfigException e)
        {
            var error = SyncError.Config(e);
            return Failed(sync, clock, error.Code, error.Message);
        }
        catch (WarehouseUnreachableException e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = SyncError.Unreachable(e);
            return Failed(sync, clock, error.Code, error.Message);
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(sync, clock, OutcomeCode.WarehouseError, e.Message);
        }
    }

    /// <summary>
    /// The ledger's version, read by the first sync planned and trusted by the others (a plan migrates nothing, so it
    /// cannot change during the run): two catalog statements per run instead of per sync.
    /// </summary>
    private async Task<LedgerSchema> LedgerOnceAsync(IWarehouse warehouse, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<LedgerSchema>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref ledger, mine.Task, null) is { } first) return await first;
        try
        {
            var read = await LedgerSchema.ReadAsync(warehouse, stateSchema, cancellationToken);
            mine.SetResult(read);
            return read;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            throw;
        }
    }

    /// <summary>
    /// A stored mapping that differs from the current one: every row in state still in the model reads as changed (its
    /// fingerprint carries the old mapping, or is read as stale), so the changed count is exactly what the mapping
    /// change resends; the diff's one pass answers it.
    /// </summary>
    private static MappingChange? MappingChangeOf(StoredMapping? stored, DiffSpec spec, DiffCounts counts) =>
        stored is null || stored.ConfigFingerprint == spec.ConfigFingerprint
            ? null
            : new MappingChange(stored.ConfigFingerprint, stored.UpdatedAt, spec.ConfigFingerprint, counts.Changed);

    private static SyncPreview Failed(DestinationSync sync, Stopwatch clock, OutcomeCode code, string message) => new()
    {
        Outcome = new SyncOutcome
        {
            Sync = sync, ExecutionTime = clock.Elapsed.TotalSeconds, Errors = [new SyncError(code, message)],
        },
    };
}

/// <summary>
/// What <see cref="SyncPlanner"/> found for one sync: the outcome (row of <c>sync_results.json</c>, no request
/// counted), the columns read, up to a few masked sample rows per kind, and the mismatch table when the guard stopped it.
/// </summary>
public sealed record SyncPreview
{
    public required SyncOutcome Outcome { get; init; }
    public IReadOnlyList<string> Columns { get; init; } = [];
    public IReadOnlyList<PreviewRow> Samples { get; init; } = [];
    public MismatchTable? Mismatches { get; init; }

    /// <summary>Requests the changes would take and the least time the rate limit allows; null when the guard stopped it.</summary>
    public RequestEstimate? Estimate { get; init; }
}

/// <summary>A sample row of a plan, PII masked; a removed row holds its primary key only.</summary>
public sealed record PreviewRow(ChangeKind Kind, IReadOnlyDictionary<string, object?> Values);
