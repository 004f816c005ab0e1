using System.Data.Common;
using System.Diagnostics;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;
using ReverseEtlDbt.Warehouse.Guard;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// <c>retl plan</c> for one sync: the contract guard, then what a sync would send (counts by kind and a few sample
/// rows per kind, PII masked), all read in the warehouse. Read-only: it never creates the state schema (a missing
/// ledger reads as empty state), never takes a lock, and never reaches a destination.
/// </summary>
public sealed class SyncPlanner(Func<CancellationToken, Task<IWarehouse>> openWarehouse, DiffOptions options, int sampleSize = 5)
{
    public async Task<SyncPreview> PlanAsync(SyncPlan plan, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sync = plan.Sync;
        try
        {
            await using var warehouse = await openWarehouse(cancellationToken);
            var guard = await ContractGuard.CheckAsync(warehouse, plan.Model, sync, cancellationToken);
            if (!guard.Passed)
            {
                var table = guard.ToMismatchTable(sync.ModelName, sync.YamlFile);
                return Failed(sync, clock, "contract_mismatch", table.Render()) with { Mismatches = table };
            }

            var spec = DiffSpec.For(sync, guard.Relation, options, guard.TypeOf(sync.PrimaryKey));
            var reader = new DiffReader(warehouse);
            var rejected = await reader.ReadRejectedAsync(spec, cancellationToken, sampleSize);
            spec = spec with { KeysVerifiedUnique = rejected.DuplicateKeyRows == 0 };
            var counts = await reader.CountAsync(spec, cancellationToken);
            var masker = new PiiMasker(plan.Model);
            var samples = counts.Total == 0 ? [] : await reader.SampleAsync(spec, sampleSize, cancellationToken);
            var errors = rejected.Total == 0 ? [] : new[] { SyncError.InvalidKeys(sync, rejected, masker, "would not be synced") };
            return new SyncPreview
            {
                Outcome = new SyncOutcome
                {
                    Sync = sync,
                    Status = counts.Rejected > 0 ? SyncStatus.Partial : SyncStatus.Success,
                    Counts = new SyncCounts { Added = counts.Added, Changed = counts.Changed, Removed = counts.Removed, Rejected = counts.Rejected },
                    ExecutionTime = clock.Elapsed.TotalSeconds,
                    Errors = errors,
                },
                Columns = [spec.PrimaryKey, .. spec.Columns],
                Samples = samples.Select(r => new PreviewRow(r.Kind, r.Kind == ChangeKind.Removed
                    ? new Dictionary<string, object?> { [spec.PrimaryKey] = masker.MaskIfPii(spec.PrimaryKey, r.PrimaryKey) }
                    : masker.Mask(r.Values))).ToList(),
                Estimate = RequestEstimate.For(sync, counts, plan.Factory.BatchSizeFor(plan.Connection),
                    plan.Connection.RateLimitOverride ?? plan.Factory.Capabilities.DocumentedRateLimit),
            };
        }
        catch (ConfigException e)
        {
            return Failed(sync, clock, "config_error", e.Message + (e.Hint is null ? "" : $" ({e.Hint})"));
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(sync, clock, "warehouse_error", e.Message);
        }
    }

    private static SyncPreview Failed(DestinationSync sync, Stopwatch clock, string code, string message) => new()
    {
        Outcome = new SyncOutcome
        {
            Sync = sync, Status = SyncStatus.Error, ExecutionTime = clock.Elapsed.TotalSeconds, Errors = [new SyncError(code, message)],
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
