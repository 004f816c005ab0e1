using System.Globalization;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.State;
using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>
/// Row fingerprint formats across upgrades and mapping changes: a sync keeps computing the format its stored mapping
/// names while the mapping stays (so nothing is resent), and moves to the values-only format with its next mapping
/// change. Values-only fingerprints do not carry the mapping, so a mapping change clears them as it is recorded,
/// before anything is sent: every row is resent once, and rows a run acknowledged under the new mapping are not
/// resent again by the next one.
/// </summary>
public sealed class FingerprintFormatTests
{
    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_sync_computes_the_format_its_stored_mapping_names_until_the_mapping_changes(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await EngineOnEveryWarehouseTests.CreateScoresAsync(db);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var plan = EngineOnEveryWarehouseTests.Plan(db, emulator);
        var log = new StatementLog();
        using var http = new HttpClient();
        var engine = LedgerMigrationTests.EngineOver(db, log, http, new EngineOptions { StateSchema = db.Schema });
        var planner = new SyncPlanner(db.OpenAnotherAsync, new DiffOptions(), stateSchema: db.Schema);
        async Task<(long Sent, bool WroteMapping)> RunAsync(SyncPlan p)
        {
            log.Statements.Clear();
            var outcome = Assert.Single(await engine.RunAsync([p], CancellationToken.None, CancellationToken.None));
            Assert.Equal(SyncStatus.Success, outcome.Status);
            return (outcome.Counts.Added + outcome.Counts.Changed,
                log.Statements.Any(s => s.Contains("sync_config", StringComparison.Ordinal) && !s.StartsWith("SELECT", StringComparison.Ordinal)));
        }
        async Task<long> PlannedAsync(SyncPlan p) => (await planner.PlanAsync(p, CancellationToken.None)).Outcome.Counts.Changed;
        // Rows in state whose fingerprint ends with the mapping's tag (tagged ones), and the format the mapping row names.
        async Task<string[]> FormatsAsync(SyncPlan p) =>
        [
            Convert.ToString(await db.ScalarAsync($"select count(*) from {db.Schema}.synced_rows where fingerprint like '%{ConfigFingerprint.Compute(p.Sync)[..16]}'"), CultureInfo.InvariantCulture)!,
            Convert.ToString(await db.ScalarAsync($"select max(row_fingerprint) from {db.Schema}.sync_config"), CultureInfo.InvariantCulture)!,
        ];

        // A first run records its mapping before it sends; a run under the same mapping writes none.
        Assert.Equal((240L, true), await RunAsync(plan));
        Assert.Equal(["0", "3"], await FormatsAsync(plan));
        Assert.Equal((0L, false), await RunAsync(plan));

        // An earlier release recorded this mapping with tagged fingerprints: the run computes tagged ones, so the
        // values-only ones in state differ, once; then nothing. The same for seeded ones (no format recorded: null).
        await db.ExecuteAsync($"update {db.Schema}.sync_config set row_fingerprint = 2");
        Assert.Equal((240L, false), await RunAsync(plan));
        Assert.Equal(["240", "2"], await FormatsAsync(plan));
        Assert.Equal((0L, false), await RunAsync(plan));
        await db.ExecuteAsync($"update {db.Schema}.sync_config set row_fingerprint = null");
        Assert.Equal((240L, false), await RunAsync(plan));
        Assert.Equal((0L, false), await RunAsync(plan));
        Assert.Equal(0L, await PlannedAsync(plan));

        // A mapping change from seeded fingerprints: values-only ones never equal them, so nothing is cleared.
        var skipNulls = plan with { Sync = plan.Sync with { Nulls = NullPolicy.Skip } };
        Assert.Equal(240L, await PlannedAsync(skipNulls));
        Assert.Equal((240L, true), await RunAsync(skipNulls));
        Assert.DoesNotContain(log.Statements, s => s.StartsWith("UPDATE", StringComparison.Ordinal) && s.Contains("synced_rows", StringComparison.Ordinal));
        Assert.Equal(["0", "3"], await FormatsAsync(skipNulls));
        Assert.Equal((0L, false), await RunAsync(skipNulls));

        // A mapping change between values-only fingerprints (the same columns, so the same fingerprints): the plan reads
        // the stored ones as stale and writes nothing; the run clears them as it records the mapping, and resends all.
        Assert.Equal(240L, await PlannedAsync(plan));
        Assert.Equal(240L, await PlannedAsync(plan));
        Assert.Equal((240L, true), await RunAsync(plan));
        Assert.Contains(log.Statements, s => s.StartsWith("UPDATE", StringComparison.Ordinal) && s.Contains("synced_rows", StringComparison.Ordinal));
        Assert.Equal((0L, false), await RunAsync(plan));
        Assert.Equal(0L, await PlannedAsync(plan));
    }
}
