using System.Globalization;
using Npgsql;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>Mirror mode deletes, from the destination, the rows this sync wrote that left the model; nothing else.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MirrorSyncTests
{
    [SkippableFact]
    public async Task Mirror_deletes_rows_removed_from_the_model()
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.RequireConnectionString());
        await using var app = await AppDatabase.CreateAsync(server);
        await using var harness = await SyncHarness.StartAsync();
        harness.SetEnv("RETL_APP_PG_HOST", server.Host ?? "127.0.0.1");
        harness.SetEnv("RETL_APP_PG_PORT", server.Port.ToString(CultureInfo.InvariantCulture));
        harness.SetEnv("RETL_APP_PG_USER", server.Username ?? "postgres");
        harness.SetEnv("RETL_APP_PG_PASSWORD", server.Password ?? "");
        harness.SetEnv("RETL_APP_PG_DBNAME", app.Name);

        var first = await harness.SyncAsync(SyncHarness.AppDatabaseSync);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(await ModelKeysAsync(harness), (await app.KeysAsync()).Where(k => k != AppDatabase.ForeignKey));

        await harness.ExecuteAsync("delete from main.customer_health where customer_id in (7, 31)");
        var second = await harness.SyncAsync(SyncHarness.AppDatabaseSync);

        Assert.True(second.ExitCode == 0, second.ToString());
        var keys = await app.KeysAsync();
        Assert.DoesNotContain(7, keys);
        Assert.DoesNotContain(31, keys);
        Assert.Contains(AppDatabase.ForeignKey, keys); // a row this sync never wrote stays
        Assert.Equal(await ModelKeysAsync(harness), keys.Where(k => k != AppDatabase.ForeignKey));
        var counts = harness.SyncResult(SyncHarness.AppDatabaseSync)["counts"]!;
        Assert.Equal((2, 0, 0), (counts["removed"]!.GetValue<long>(), counts["added"]!.GetValue<long>(), counts["changed"]!.GetValue<long>()));
        Assert.Equal((await ModelKeysAsync(harness)).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToHashSet(),
            await harness.SyncedKeysAsync(SyncHarness.AppDatabaseSync));
    }

    [Fact]
    public async Task HubSpot_mirror_archives_records_whose_rows_left_the_model()
    {
        await using var harness = await SyncHarness.StartAsync(editProject: AddHubSpotMirror);
        var appOwned = harness.Emulator.HubSpot.Seed(ScoresObject, new Dictionary<string, string> { ["email"] = "app-owned@example.com" });

        var first = await harness.SyncAsync(HubSpotMirrorSync);
        Assert.True(first.ExitCode == 0, first.ToString());
        var emails = await harness.QueryAsync("select customer_id, email from main.customer_health where customer_id in (7, 31)");

        await harness.ExecuteAsync("delete from main.customer_health where customer_id in (7, 31)");
        var second = await harness.SyncAsync(HubSpotMirrorSync);

        Assert.True(second.ExitCode == 0, second.ToString());
        var archive = Assert.Single(harness.Emulator.HubSpot.Requests, r => r.Operation == "archive");
        Assert.Equal((2, 204), (archive.InputCount, archive.Status));
        var active = harness.Emulator.HubSpot.Records(ScoresObject).Select(r => r["email"]).ToHashSet();
        Assert.All(emails, e => Assert.DoesNotContain((string)e["email"]!, active));
        Assert.Contains(appOwned["email"], active); // a record this sync never wrote stays
        var model = await harness.QueryAsync("select email from main.customer_health");
        Assert.Equal(model.Select(r => (string)r["email"]!).Append(appOwned["email"]).Order(), active.Order());
        Assert.Equal(2, harness.SyncResult(HubSpotMirrorSync)["counts"]!["removed"]!.GetValue<long>());
        Assert.Equal(48, (await harness.SyncedKeysAsync(HubSpotMirrorSync)).Count);
    }

    private const string ScoresObject = "p_customer_scores";
    private const string HubSpotMirrorSync = "customer_health__hubspot__p_customer_scores";

    /// <summary>A second customer_health destination: a HubSpot custom object kept as a mirror of the model.</summary>
    private static void AddHubSpotMirror(string projectDir)
    {
        const string Mirror = $$"""
                        - connection: hubspot
                          object: {{ScoresObject}}
                          mode: mirror
                          delete: archive
                          match: {column: email, field: email}
                          fields: {health_score: score}
                          allow_pii: [email]

            """;
        ExampleProjectFiles.AddDestination(projectDir, ExampleProjectFiles.WarehouseAppDestination, Mirror);
    }

    private static async Task<IReadOnlyList<int>> ModelKeysAsync(SyncHarness harness) =>
        (await harness.QueryAsync("select customer_id from main.customer_health order by 1")).Select(r => Convert.ToInt32(r["customer_id"], CultureInfo.InvariantCulture)).ToList();

    /// <summary>A database of its own on the test server holding the example's destination table, dropped afterwards.</summary>
    private sealed class AppDatabase(NpgsqlConnectionStringBuilder server, string name) : IAsyncDisposable
    {
        /// <summary>A row the application wrote itself; mirror must leave it alone.</summary>
        public const int ForeignKey = 999_999;

        public string Name => name;

        public static async Task<AppDatabase> CreateAsync(NpgsqlConnectionStringBuilder server)
        {
            var database = new AppDatabase(server, "retl_app_" + Guid.NewGuid().ToString("N")[..12]);
            await RunAsync(server.ConnectionString, $"create database \"{database.Name}\"");
            await RunAsync(database.ConnectionString, $"""
                create table public.customer_health_scores (
                  customer_id integer primary key, email text, health_score integer, tier text,
                  lifetime_value double precision, last_order_at timestamp);
                insert into public.customer_health_scores (customer_id, email) values ({ForeignKey}, 'app-owned@example.com')
                """);
            return database;
        }

        private string ConnectionString => new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = false }.ConnectionString;

        public async Task<IReadOnlyList<int>> KeysAsync()
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select customer_id from public.customer_health_scores order by 1", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var keys = new List<int>();
            while (await reader.ReadAsync()) keys.Add(reader.GetInt32(0));
            return keys;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await RunAsync(server.ConnectionString, $"drop database if exists \"{name}\" with (force)");
        }

        private static async Task RunAsync(string connectionString, string sql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
