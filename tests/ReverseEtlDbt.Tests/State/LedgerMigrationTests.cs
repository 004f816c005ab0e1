using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Warehouse.Diff;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.State;

/// <summary>
/// The engine migrates the ledger once per run, and every later ledger use of the run trusts that; a run records its
/// mapping in <c>sync_config</c> only once it went through every row.
/// </summary>
public sealed class LedgerMigrationTests
{
    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_run_reads_the_ledger_version_once_whatever_its_number_of_syncs(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await SeedAsync(db, 30);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var plan = EngineOnEveryWarehouseTests.Plan(db, emulator);
        var plans = Enumerable.Range(1, 3).Select(i => plan with { Sync = plan.Sync with { Id = $"scores__hubspot__contacts_{i}" } }).ToList();
        var log = new StatementLog();
        using var http = new HttpClient();
        var engine = EngineOver(db, log, http, new EngineOptions { StateSchema = db.Schema });

        foreach (var run in new[] { "first", "second" })
        {
            log.Statements.Clear();
            var outcomes = await engine.RunAsync(plans, CancellationToken.None, CancellationToken.None);

            Assert.All(outcomes, o => Assert.Equal(SyncStatus.Success, o.Status));
            var versionReads = log.Statements.Where(s => s.Contains("\"schema_version\"", StringComparison.OrdinalIgnoreCase) && s.Contains("MAX(", StringComparison.Ordinal)).ToList();
            Assert.True(versionReads.Count == 1, $"{run} run read the ledger's version {versionReads.Count} times");
            Assert.DoesNotContain(log.Statements, s => s.Contains("information_schema", StringComparison.OrdinalIgnoreCase) && s.Contains("synced_rows", StringComparison.OrdinalIgnoreCase));
        }
        // Nothing is migrated again by the second run: still one row per migration step.
        Assert.Equal((long)ReverseEtlDbt.State.StateMigrations.All.Count, Convert.ToInt64(await db.ScalarAsync($"select count(*) from {db.Schema}.schema_version")));
        // Each sync recorded its mapping (before it sent anything).
        Assert.Equal(3L, Convert.ToInt64(await db.ScalarAsync($"select count(distinct sync_id) from {db.Schema}.sync_config")));
    }
    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_run_records_its_mapping_before_it_sends_and_a_stopped_one_leaves_exactly_the_rest_to_the_next(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await SeedAsync(db, 240);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var plan = EngineOnEveryWarehouseTests.Plan(db, emulator);
        var log = new StatementLog();
        using var http = new HttpClient();
        // State committed per batch, so the first commit comes with the first batch, not at the end of the sync.
        var engine = EngineOver(db, log, http,
            new EngineOptions { StateSchema = db.Schema, MaxBatchesInFlight = 1, StateGrouping = StateGrouping.PerBatch });
        // Stop as a Ctrl-C would, exactly when the first acknowledged batch is committed.
        async Task<SyncOutcome> StoppedAtFirstCommitAsync(SyncPlan p)
        {
            using var stop = new CancellationTokenSource();
            // (Snowflake stores the ledger's table names in upper case.)
            log.BeforeEach = sql =>
            {
                if (sql.TrimStart().StartsWith("INSERT", StringComparison.Ordinal) && sql.Contains("\"synced_rows\"", StringComparison.OrdinalIgnoreCase)) stop.Cancel();
            };
            var outcome = Assert.Single(await engine.RunAsync([p], stop.Token, CancellationToken.None));
            log.BeforeEach = null;
            return outcome;
        }

        var stopped = await StoppedAtFirstCommitAsync(plan);

        Assert.Equal((SyncStatus.Partial, 100L), (stopped.Status, stopped.Counts.Added));
        Assert.Equal(ConfigFingerprint.Compute(plan.Sync), await MappingAsync());

        var rest = Assert.Single(await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None));
        Assert.Equal((SyncStatus.Success, 140L), (rest.Status, rest.Counts.Added));

        // A mapping change over the same columns (the values' fingerprints do not change): the run clears them as it
        // records the new mapping, and is stopped after its first batch; the next run resends only the other 140 rows.
        var skipNulls = plan with { Sync = plan.Sync with { Nulls = ReverseEtlDbt.Definitions.NullPolicy.Skip } };
        var changed = await StoppedAtFirstCommitAsync(skipNulls);
        Assert.Equal((SyncStatus.Partial, 100L), (changed.Status, changed.Counts.Changed));
        Assert.Equal(ConfigFingerprint.Compute(skipNulls.Sync), await MappingAsync());

        var resent = Assert.Single(await engine.RunAsync([skipNulls], CancellationToken.None, CancellationToken.None));
        Assert.Equal((SyncStatus.Success, 140L, 0L), (resent.Status, resent.Counts.Changed, resent.Counts.Added));
        Assert.Equal(0L, Assert.Single(await engine.RunAsync([skipNulls], CancellationToken.None, CancellationToken.None)).Counts.Changed);

        async Task<string?> MappingAsync() =>
            Convert.ToString(await db.ScalarAsync($"select max(config_fingerprint) from {db.Schema}.sync_config where sync_id = '{plan.Sync.Id}'"), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A <c>scores</c> model of <paramref name="rows"/> rows (see <see cref="EngineOnEveryWarehouseTests.Plan"/>).</summary>
    private static Task SeedAsync(TestWarehouse db, int rows) => db.ExecuteAsync($"""
        create table scores (customer_id integer, email varchar, score integer);
        insert into scores select i, 'user' || i || '@example.com', i % 7 from generate_series(1, {rows}) as t(i);
        """);

    /// <summary>The engine over <paramref name="db"/>, every statement it runs recorded in <paramref name="log"/>.</summary>
    internal static SyncEngine EngineOver(TestWarehouse db, StatementLog log, HttpClient http, EngineOptions options) =>
        new(new SyncEnvironment(log.Wrap(db.OpenAnotherAsync), options, TimeProvider.System, NoProgress.Instance), http);
}
