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

    private readonly NpgsqlConnectionStringBuilder? server;

    private ExampleOnWarehouse(SyncHarness harness, NpgsqlConnectionStringBuilder? server, string schema)
    {
        Harness = harness;
        this.server = server;
        Schema = schema;
    }

    /// <summary>On the Snowflake emulator of the harness (<c>type: snowflake</c>) rather than the PostgreSQL server.</summary>
    private bool OnSnowflake => server is null;

    private const string SnowflakeDatabase = "ANALYTICS";

    private string DatabaseName => server?.Database ?? SnowflakeDatabase;

    public SyncHarness Harness { get; }

    /// <summary>Where the models (and, by default, nothing else) live on the server.</summary>
    public string Schema { get; }

    /// <summary>Builds the example, copies its synced models to PostgreSQL and targets them as <paramref name="type"/>.</summary>
    public static async Task<ExampleOnWarehouse> StartAsync(string type)
    {
        var server = type == "snowflake" ? null : new NpgsqlConnectionStringBuilder(TestPostgres.RequireConnectionString());
        var harness = await SyncHarness.StartAsync();
        var schema = "retl_ex_" + Guid.NewGuid().ToString("N")[..12];
        var example = new ExampleOnWarehouse(harness, server, type == "snowflake" ? schema.ToUpperInvariant() : schema);
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
        if (OnSnowflake)
        {
            await Harness.Emulator.Snowflake.ExecuteAsync(sql, SnowflakeDatabase);
            return;
        }
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
        if (OnSnowflake)
            return (await Harness.Emulator.Snowflake.ExecuteAsync(sql, SnowflakeDatabase)).Select(r => r.Cast<object?>().ToArray()).ToList();
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
        if (OnSnowflake) return (await QueryAsync(sql)) is [var first, ..] ? first[0] : null;
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async ValueTask DisposeAsync()
    {
        try { if (!OnSnowflake) await ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE; DROP SCHEMA IF EXISTS {Schema}_state CASCADE"); }
        finally { await Harness.DisposeAsync(); }
    }

    /// <summary>Copies one model table from the DuckDB file, column types mapped to PostgreSQL's.</summary>
    private async Task CopyAsync(string model)
    {
        var columns = await Harness.QueryAsync(
            $"select column_name, data_type from information_schema.columns where table_name = '{model}' order by ordinal_position");
        var names = columns.Select(c => (string)c["column_name"]!).ToList();
        var rows = await Harness.QueryAsync($"select * from main.\"{model}\"");
        if (OnSnowflake)
        {
            // Unquoted, as dbt-snowflake creates them: Snowflake stores the names in upper case.
            var columnsSql = string.Join(", ", columns.Select(c => $"{c["column_name"]} {SnowflakeType((string)c["data_type"]!)}"));
            await ExecuteAsync($"CREATE TABLE {Schema}.{model} ({columnsSql})");
            foreach (var chunk in rows.Chunk(200))
                await ExecuteAsync($"INSERT INTO {Schema}.{model} VALUES " +
                    string.Join(", ", chunk.Select(row => "(" + string.Join(", ", names.Select(n => Literal(row[n]))) + ")")));
            return;
        }
        var definition = string.Join(", ", columns.Select(c => $"\"{c["column_name"]}\" {PostgresType((string)c["data_type"]!)}"));
        await ExecuteAsync($"CREATE TABLE {Schema}.\"{model}\" ({definition})");
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

    private static string SnowflakeType(string duckDb) => duckDb.ToUpperInvariant() switch
    {
        "INTEGER" or "BIGINT" => "NUMBER(38,0)",
        "DOUBLE" => "FLOAT",
        "TIMESTAMP" => "TIMESTAMP_NTZ",
        var other => other,
    };

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateTime time => "'" + time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "'",
        bool flag => flag ? "TRUE" : "FALSE",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var other => "'" + other + "'",
    };

    /// <summary>Every node of the manifest now lives in the server's database and the copy's schema.</summary>
    private void PointManifest()
    {
        var path = Path.Combine(Harness.Target, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var (_, node) in manifest["nodes"]!.AsObject())
        {
            node!["database"] = DatabaseName;
            node["schema"] = Schema;
            if (node["relation_name"] is not null)
                node["relation_name"] = $"\"{DatabaseName}\".\"{Schema}\".\"{node["alias"]?.GetValue<string>() ?? node["name"]!.GetValue<string>()}\"";
        }
        File.WriteAllText(path, manifest.ToJsonString());
    }

    /// <summary>A target named <paramref name="type"/> in the copy's profiles.yml, made the default.</summary>
    private void AddTarget(string type)
    {
        var path = Path.Combine(Harness.ProjectDir, "profiles.yml");
        var profiles = File.ReadAllText(path).Replace("  target: dev", $"  target: {type}_test", StringComparison.Ordinal);
        if (OnSnowflake)
        {
            var options = Harness.Emulator.Snowflake.Options;
            profiles += $"""

                    {type}_test:
                      type: snowflake
                      account: {options.Account}
                      user: {options.User}
                      role: {options.DefaultRole}
                      warehouse: {options.DefaultWarehouse}
                      database: {SnowflakeDatabase}
                      schema: {Schema}
                      authenticator: programmatic_access_token
                      token: "{options.ProgrammaticAccessToken}"
                      host: {Harness.Emulator.BaseUrl.Host}
                      port: {Harness.Emulator.BaseUrl.Port}
                      protocol: http

                """;
            File.WriteAllText(path, profiles);
            return;
        }
        profiles += $"""

                {type}_test:
                  type: {type}
                  host: "{server!.Host}"
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
        var connection = new NpgsqlConnection(server!.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
