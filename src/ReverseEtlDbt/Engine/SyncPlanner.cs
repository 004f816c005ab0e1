using System.Data.Common;
using System.Diagnostics;
using ReverseEtlDbt.Definitions;
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

            var spec = DiffSpec.For(sync, guard.Relation, options);
            var reader = new DiffReader(warehouse);
            var counts = await reader.CountAsync(spec, cancellationToken);
            var rejected = await reader.ReadRejectedAsync(spec, cancellationToken, sampleSize);
            var masker = new PiiMasker(plan.Model);
            var samples = counts.Total == 0 ? [] : await SampleByKindAsync(warehouse, spec, cancellationToken);
            var errors = rejected.Total == 0 ? [] : new[] { InvalidKeys(sync, rejected, masker) };
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
                    ? new Dictionary<string, object?> { [spec.PrimaryKey] = masker.IsPii(spec.PrimaryKey) ? PiiMasker.Mask(r.PrimaryKey) : r.PrimaryKey }
                    : masker.Mask(r.Values))).ToList(),
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

    /// <summary>
    /// Up to <c>sampleSize</c> changes of each kind, by key. <see cref="DiffReader.SampleAsync"/> takes the first rows
    /// overall, so a large "added" would hide every changed and removed row; this numbers rows within each kind instead,
    /// shorter keys first so that integer keys come in numeric order.
    /// </summary>
    private async Task<IReadOnlyList<DiffRow>> SampleByKindAsync(IWarehouse warehouse, DiffSpec spec, CancellationToken cancellationToken)
    {
        spec = spec with { StateExists = await StateExistsAsync(warehouse, spec.StateSchema, cancellationToken) };
        var changes = new DiffQueryBuilder(warehouse.Dialect).Changes(spec);
        var (kind, key, n) = (warehouse.Dialect.QuoteIdentifier(DiffQueryBuilder.KindColumn),
            warehouse.Dialect.QuoteIdentifier(DiffQueryBuilder.KeyColumn), warehouse.Dialect.QuoteIdentifier("__retl_n"));
        var sql = $"""
            SELECT * FROM (
              SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.{kind} ORDER BY LENGTH(x.{key}), x.{key}) AS {n}
              FROM (
            {changes.Sql}
              ) AS x
            ) AS y
            WHERE y.{n} <= {sampleSize}
            ORDER BY y.{kind}, y.{n}
            """;
        var rows = new List<DiffRow>();
        await using var command = WarehouseCommand.Create(warehouse.Connection, sql, changes.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Columns as the diff query selects them: kind, key, fingerprint, destination id, primary key value, spec columns.
            var values = new Dictionary<string, object?>(StringComparer.Ordinal) { [spec.PrimaryKey] = WarehouseCommand.NullIfDbNull(reader.GetValue(4)) };
            for (var i = 0; i < spec.Columns.Count; i++) values[spec.Columns[i]] = WarehouseCommand.NullIfDbNull(reader.GetValue(5 + i));
            rows.Add(new DiffRow((ChangeKind)Convert.ToInt32(reader.GetValue(0)), reader.GetString(1), values, reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return rows;
    }

    private static async Task<bool> StateExistsAsync(IWarehouse warehouse, string schema, CancellationToken cancellationToken)
    {
        const string sql = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'synced_rows'";
        await using var command = WarehouseCommand.Create(warehouse.Connection, sql, [schema]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    private static SyncError InvalidKeys(DestinationSync sync, RejectedKeys keys, PiiMasker masker) =>
        new("invalid_primary_key",
            $"{keys.NullKeys} row(s) with a null {sync.PrimaryKey} and {keys.DuplicateKeyRows} row(s) sharing a {sync.PrimaryKey} would not be synced",
            keys.Sample.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>(masker.Mask(s.Values))
            {
                ["reason"] = s.Reason.ToString(),
            }).ToList());

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
}

/// <summary>A sample row of a plan, PII masked; a removed row holds its primary key only.</summary>
public sealed record PreviewRow(ChangeKind Kind, IReadOnlyDictionary<string, object?> Values);
