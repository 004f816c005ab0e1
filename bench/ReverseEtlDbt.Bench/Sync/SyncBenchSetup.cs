using System.Text.Json;
using DuckDB.NET.Data;
using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations.HubSpot;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Bench.Sync;

/// <summary>A synthetic synced model in a DuckDB file and the sync plan that pushes it to a HubSpot endpoint.</summary>
internal static class SyncBenchSetup
{
    public static string CreateModel(string dir, long rows)
    {
        var path = Path.Combine(dir, $"bench_{rows}.duckdb");
        File.Delete(path);
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            create table main.contacts as
            select cast(i as bigint) as id, 'user' || i || '@bench.example' as email, cast(i % 100 as bigint) as score,
                   case when i % 3 = 0 then 'gold' else 'silver' end as tier
            from range({rows}) t(i)
            """;
        command.ExecuteNonQuery();
        return path;
    }

    /// <param name="concurrency">The connection's <c>max_concurrency</c>, or null for the default.</param>
    public static SyncPlan Plan(string duckDbPath, Uri hubSpot, int requests, TimeSpan per, int? concurrency = null)
    {
        var model = new ManifestNode
        {
            UniqueId = "model.bench.contacts", ResourceType = "model", Name = "contacts", PackageName = "bench",
            Database = DuckDbProfileTarget.DatabaseNameFor(duckDbPath), Schema = "main", Alias = "contacts",
            Contract = new ModelContract(true, true),
            Columns = [Column("id", "bigint"), Column("email", "varchar"), Column("score", "bigint"), Column("tier", "varchar")],
        };
        var sync = new DestinationSync
        {
            Id = "contacts__hubspot__contacts", ModelUniqueId = model.UniqueId, ModelName = model.Name, PrimaryKey = "id",
            Connection = "hubspot", Object = "contacts", Mode = SyncMode.Upsert, Match = new MatchSpec("email", "email"),
            Fields = [new FieldMapping("score", "score"), new FieldMapping("tier", "tier")], AllowPii = ["email"],
        };
        var settings = new Dictionary<string, object?>
        {
            ["type"] = "hubspot", ["token"] = "emulator-token", ["base_url"] = hubSpot.ToString(),
            ["rate_limit"] = (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["requests"] = requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["per_seconds"] = ((int)per.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        if (concurrency is { } limit) settings["max_concurrency"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var connection = new ConnectionConfig("hubspot", "hubspot", settings, _ => null);
        return SyncPlan.Create(sync, model, connection, new HubSpotDestinationFactory());
    }

    /// <param name="memoryLimit">DuckDB's <c>memory_limit</c> (as a profile's <c>settings:</c> would set it), or null for DuckDB's default.</param>
    public static SyncEnvironment Environment(string duckDbPath, string? memoryLimit = null) => new(
        ct => WarehouseFactory.OpenAsync(new DuckDbProfileTarget
        {
            Path = duckDbPath, Database = DuckDbProfileTarget.DatabaseNameFor(duckDbPath), Schema = "main",
            Settings = memoryLimit is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["memory_limit"] = memoryLimit },
        }, ct),
        new EngineOptions { MaxParallelSyncs = 1 }, TimeProvider.System, NoProgress.Instance);

    private static ManifestColumn Column(string name, string type) =>
        new() { Name = name, DataType = type, Meta = JsonDocument.Parse("{}").RootElement.Clone() };
}
