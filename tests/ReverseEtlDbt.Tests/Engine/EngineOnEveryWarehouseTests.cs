using System.Text.Json;
using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations.HubSpot;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.State;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>The sync engine end to end with each warehouse as the source and the state ledger.</summary>
public sealed class EngineOnEveryWarehouseTests
{
    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Engine_syncs_then_sends_only_changed_rows_on_each_warehouse(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await CreateScoresAsync(db);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var plan = Plan(db, emulator);
        using var http = new HttpClient();
        // State in the test's own schema: dropped with it, and never shared with another run on the same server.
        var engine = new SyncEngine(new SyncEnvironment(db.OpenAnotherAsync, new EngineOptions { StateSchema = db.Schema }, TimeProvider.System, NoProgress.Instance), http);

        var first = Assert.Single(await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None));
        await db.ExecuteAsync("update scores set score = 100 where customer_id in (3, 200)");
        var second = Assert.Single(await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None));

        Assert.True(first.Status == SyncStatus.Success, string.Join("; ", first.Errors.Select(e => e.Message)));
        Assert.Equal((SyncStatus.Success, 240L, 3L), (first.Status, first.Counts.Added, first.Counts.Requests));
        Assert.Equal((SyncStatus.Success, 0L, 2L, 1L), (second.Status, second.Counts.Added, second.Counts.Changed, second.Counts.Requests));
        Assert.Equal(2, emulator.HubSpot.Requests[^1].InputCount);
        var contacts = emulator.HubSpot.Records("contacts");
        Assert.Equal(240, contacts.Count);
        Assert.Equal("100", contacts.Single(c => c["email"] == "user200@example.com")["score"]);
        Assert.Equal(240L, Convert.ToInt64(await db.ScalarAsync(
            $"select count(*) from {db.Schema}.synced_rows where sync_id = 'scores__hubspot__contacts'")));
    }

    /// <summary>
    /// DESIGN §6 on the warehouses that bill by scan and cannot prove a key (Redshift, Snowflake): a sync reads the model
    /// in one statement and the sync's state in one, the key check and the values to send included.
    /// </summary>
    [SkippableTheory]
    [InlineData(WarehouseKind.Redshift)]
    [InlineData(WarehouseKind.Snowflake)]
    public async Task A_sync_reads_the_model_once_and_its_state_once(WarehouseKind kind)
    {
        await using var db = await TestWarehouse.OpenAsync(kind);
        await CreateScoresAsync(db);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var plan = Plan(db, emulator);
        var log = new StatementLog();
        using var http = new HttpClient();
        var engine = LedgerMigrationTests.EngineOver(db, log, http, new EngineOptions { StateSchema = db.Schema });
        await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None);
        await db.ExecuteAsync("update scores set score = 100 where customer_id = 3");

        var before = log.Statements.Count;
        var second = Assert.Single(await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None));

        Assert.Equal(1L, second.Counts.Changed);
        var run = log.Statements.Skip(before).ToList();
        var model = "." + db.Warehouse.Dialect.QuoteIdentifier("scores");
        var reading = Assert.Single(run, sql => sql.Contains(model, StringComparison.Ordinal));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(reading, System.Text.RegularExpressions.Regex.Escape(model))); // no join back
        Assert.Single(run, sql => sql.Contains("FROM", StringComparison.Ordinal) && sql.Contains("\"synced_rows\" ", StringComparison.Ordinal)
            && !sql.StartsWith("DELETE", StringComparison.Ordinal) && !sql.StartsWith("INSERT", StringComparison.Ordinal));
    }

    /// <summary>The model <see cref="Plan"/> syncs: 240 rows of scores.</summary>
    internal static Task CreateScoresAsync(TestWarehouse db) => db.ExecuteAsync("""
        create table scores (customer_id integer, email varchar, score integer);
        insert into scores select i, 'user' || i || '@example.com', i % 7 from generate_series(1, 240) as t(i);
        """);

    internal static SyncPlan Plan(TestWarehouse db, EmulatorHost emulator)
    {
        var model = new ManifestNode
        {
            UniqueId = "model.shop.scores", ResourceType = "model", Name = "scores", PackageName = "shop",
            Database = db.Database, Schema = db.Schema, Alias = "scores", Contract = new ModelContract(true, true),
            Columns = [Column("customer_id", "integer"), Column("email", "varchar"), Column("score", "integer")],
        };
        var sync = new DestinationSync
        {
            Id = "scores__hubspot__contacts", ModelUniqueId = model.UniqueId, ModelName = model.Name, PrimaryKey = "customer_id",
            Connection = "hubspot", Object = "contacts", Mode = SyncMode.Upsert, Match = new MatchSpec("email", "email"),
            Fields = [new FieldMapping("score", "score")], AllowPii = ["email"],
        };
        var connection = new ConnectionConfig("hubspot", "hubspot", new Dictionary<string, object?>
        {
            ["type"] = "hubspot", ["token"] = emulator.HubSpot.Options.ValidToken, ["base_url"] = emulator.BaseUrl.ToString(),
        }, _ => null);
        return SyncPlan.Create(sync, model, connection, new HubSpotDestinationFactory());
    }

    private static ManifestColumn Column(string name, string type) =>
        new() { Name = name, DataType = type, Meta = JsonDocument.Parse("{}").RootElement.Clone() };
}
