using System.Text.Json.Nodes;
using Npgsql;

namespace ReverseEtlDbt.Tests.Support;

/// <summary>
/// The example project synced from a warehouse other than its DuckDB file: the <see cref="SyncHarness"/> builds it as
/// usual, then the synced models' tables are copied into a fresh schema of the test PostgreSQL server, the manifest's
/// nodes are pointed at that schema (as dbt would have written them building there) and a profile target of the
/// chosen type (<c>redshift</c>, <c>postgres</c>) is added and made the default. Models change through <see cref="ExecuteAsync"/>.
/// </summary>
public sealed class ExampleOnWarehouse : IAsyncDisposable
{
    /// <summary>The synced models of the example (tables with enforced contracts).</summary>
    public static readonly string[] SyncedModels = ["customer_health", "account_tiers", "high_value_audience"];

    private readonly NpgsqlConnectionStringBuilder server;

    private ExampleOnWarehouse(SyncHarness harness, NpgsqlConnectionStringBuilder server, string schema)
    {
        Harness = harness;
        this.server = server;
        Schema = schema;
    }

    public SyncHarness Harness { get; }

    /// <summary>Where the models (and, by default, nothing else) live on the server.</summary>
    public string Schema { get; }

    /// <summary>Builds the example, copies its synced models to PostgreSQL and targets them as <paramref name="type"/>.</summary>
    public static async Task<ExampleOnWarehouse> StartAsync(string type)
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.RequireConnectionString());
        var harness = await SyncHarness.StartAsync();
        var example = new ExampleOnWarehouse(harness, server, "retl_ex_" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await example.ExecuteAsync($"CREATE SCHEMA {example.Schema}");
            foreach (var model in SyncedModels) await example.CopyAsync(model);
            example.PointManifest();
            example.AddTarget(type);
            return example;
        }
        catch
        {
            await example.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs SQL on the server with the models' schema first on the search path (a stand-in for a new dbt build).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>What every retl command of this example takes: the project, and a ledger schema of its own on the shared server.</summary>
    public IReadOnlyList<string> CommonArgs => ["--project-dir", Harness.ProjectDir, "--state-schema", Schema + "_state"];

    /// <summary>Runs <c>retl</c> in-process on this example (see <see cref="SyncHarness.RunAsync"/>) with its own ledger schema.</summary>
    public Task<CliRun> RunAsync(params string[] args) => Harness.RunAsync([.. args, "--state-schema", Schema + "_state"]);

    /// <summary>Rows of a query on the server, values by position.</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async ValueTask DisposeAsync()
    {
        try { await ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE; DROP SCHEMA IF EXISTS {Schema}_state CASCADE"); }
        finally { await Harness.DisposeAsync(); }
    }

    /// <summary>Copies one model table from the DuckDB file, column types mapped to PostgreSQL's.</summary>
    private async Task CopyAsync(string model)
    {
        var columns = await Harness.QueryAsync(
            $"select column_name, data_type from information_schema.columns where table_name = '{model}' order by ordinal_position");
        var names = columns.Select(c => (string)c["column_name"]!).ToList();
        var definition = string.Join(", ", columns.Select(c => $"\"{c["column_name"]}\" {PostgresType((string)c["data_type"]!)}"));
        await ExecuteAsync($"CREATE TABLE {Schema}.\"{model}\" ({definition})");
        var rows = await Harness.QueryAsync($"select * from main.\"{model}\"");
        await using var connection = await OpenAsync();
        foreach (var row in rows)
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {Schema}.\"{model}\" VALUES ({string.Join(", ", names.Select((_, i) => "$" + (i + 1)))})", connection);
            foreach (var name in names) insert.Parameters.Add(new NpgsqlParameter { Value = row[name] ?? DBNull.Value });
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static string PostgresType(string duckDb) => duckDb.ToUpperInvariant() switch
    {
        "VARCHAR" => "varchar(1000)",
        "DOUBLE" => "double precision",
        "HUGEINT" => "numeric(38,0)",
        var other => other,
    };

    /// <summary>Every node of the manifest now lives in the server's database and the copy's schema.</summary>
    private void PointManifest()
    {
        var path = Path.Combine(Harness.Target, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var (_, node) in manifest["nodes"]!.AsObject())
        {
            node!["database"] = server.Database;
            node["schema"] = Schema;
            if (node["relation_name"] is not null)
                node["relation_name"] = $"\"{server.Database}\".\"{Schema}\".\"{node["alias"]?.GetValue<string>() ?? node["name"]!.GetValue<string>()}\"";
        }
        File.WriteAllText(path, manifest.ToJsonString());
    }

    /// <summary>A target named <paramref name="type"/> in the copy's profiles.yml, made the default.</summary>
    private void AddTarget(string type)
    {
        var path = Path.Combine(Harness.ProjectDir, "profiles.yml");
        var profiles = File.ReadAllText(path).Replace("  target: dev", $"  target: {type}_test", StringComparison.Ordinal);
        profiles += $"""

                {type}_test:
                  type: {type}
                  host: "{server.Host}"
                  port: {server.Port}
                  user: "{server.Username}"
                  password: "{server.Password}"
                  dbname: "{server.Database}"
                  schema: "{Schema}"

            """;
        File.WriteAllText(path, profiles);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
