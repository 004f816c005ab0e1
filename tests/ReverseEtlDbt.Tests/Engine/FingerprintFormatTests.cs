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
/// Upgrading from a release whose row fingerprints were seeded with the whole config fingerprint: a sync whose last
/// completed run recorded seeded fingerprints keeps computing them while its mapping stays (so nothing is resent), and
/// moves to the tagged format with its next mapping change; a ledger without such a sync reads no mapping at all.
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
        async Task<(long Changed, bool ReadMapping)> RunAsync(SyncPlan p)
        {
            log.Statements.Clear();
            var outcome = Assert.Single(await engine.RunAsync([p], CancellationToken.None, CancellationToken.None));
            Assert.Equal(SyncStatus.Success, outcome.Status);
            return (outcome.Counts.Added + outcome.Counts.Changed,
                log.Statements.Any(s => s.StartsWith("SELECT \"config_fingerprint\"", StringComparison.Ordinal)));
        }
        // Rows in state whose fingerprint ends with the mapping's tag (tagged ones), and the format the mapping row names.
        async Task<string[]> FormatsAsync(SyncPlan p) =>
        [
            Convert.ToString(await db.ScalarAsync($"select count(*) from {db.Schema}.synced_rows where fingerprint like '%{ConfigFingerprint.Compute(p.Sync)[..16]}'"), CultureInfo.InvariantCulture)!,
            Convert.ToString(await db.ScalarAsync($"select max(row_fingerprint) from {db.Schema}.sync_config"), CultureInfo.InvariantCulture)!,
        ];

        Assert.Equal((240L, false), await RunAsync(plan));
        Assert.Equal(["240", "2"], await FormatsAsync(plan));
        // An earlier release recorded this mapping (no format): its fingerprints are read as seeded, so the tagged ones
        // in state now differ, once; the run stores seeded ones (the mapping row stays as it was: null reads as seeded),
        // and the next run sends nothing.
        await db.ExecuteAsync($"update {db.Schema}.sync_config set row_fingerprint = null");
        Assert.Equal((240L, true), await RunAsync(plan));
        Assert.Equal(["0", ""], await FormatsAsync(plan));
        Assert.Equal((0L, true), await RunAsync(plan));
        var planner = new SyncPlanner(db.OpenAnotherAsync, new ReverseEtlDbt.Warehouse.Diff.DiffOptions(), stateSchema: db.Schema);
        Assert.Equal(0L, (await planner.PlanAsync(plan, CancellationToken.None)).Outcome.Counts.Changed);
        // A mapping change resends every row once, in the tagged format; after it no run reads a mapping.
        var changed = plan with { Sync = plan.Sync with { Nulls = NullPolicy.Skip } };
        Assert.Equal((240L, true), await RunAsync(changed));
        Assert.Equal(["240", "2"], await FormatsAsync(changed));
        Assert.Equal((0L, false), await RunAsync(changed));
    }
}
