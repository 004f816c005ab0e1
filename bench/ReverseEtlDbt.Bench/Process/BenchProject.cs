using System.Globalization;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ReverseEtlDbt.Emulators.Webhook;

namespace ReverseEtlDbt.Bench.WholeProcess;

/// <summary>
/// A throwaway dbt project on disk for one model size, as a user's would be after <c>dbt build</c>: dbt_project.yml,
/// profiles.yml (DuckDB file, optional <c>memory_limit</c>), retl_connections.yml (a webhook), target/manifest.json with
/// one contracted model that declares one sync, and the DuckDB file holding the model table and the bare diff's own
/// fingerprint snapshot (<see cref="SnapshotTable"/>).
/// </summary>
internal sealed class BenchProject : IDisposable
{
    public const string Model = "orders";
    public const string SnapshotTable = "bare_snapshot";
    public const string WebhookUrlVariable = "RETL_BENCH_WEBHOOK_URL";
    public const string SyncId = "orders__hook__order_changed";

    /// <summary>The synced columns besides the key <c>id</c>, one of each family: text, integer, decimal, timestamp, boolean.</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> ValueColumns =
        [("label", "varchar"), ("quantity", "integer"), ("amount", "decimal(12,2)"), ("updated_at", "timestamp"), ("active", "boolean")];

    private BenchProject(string dir, long rows)
    {
        Dir = dir;
        Rows = rows;
    }

    public string Dir { get; }
    public long Rows { get; }
    public string DatabasePath => Path.Combine(Dir, "bench.duckdb");

    /// <summary>Writes the project files and builds the model (and the bare snapshot of it) with <paramref name="rows"/> rows.</summary>
    public static BenchProject Create(long rows, string? memoryLimit)
    {
        var project = new BenchProject(Directory.CreateTempSubdirectory("retl-process-bench").FullName, rows);
        project.WriteFiles(memoryLimit);
        project.Execute($"""
            CREATE TABLE main.{Model} AS
            SELECT CAST(i AS BIGINT) AS id, 'order-' || i AS label, CAST(i % 97 AS INTEGER) AS quantity,
                   CAST((i % 100000) / 100.0 AS DECIMAL(12,2)) AS amount,
                   TIMESTAMP '2026-01-01 00:00:00' + to_seconds(i % 86400) AS updated_at, i % 2 = 0 AS active
            FROM range({rows.ToString(CultureInfo.InvariantCulture)}) AS t(i);
            CREATE TABLE main.{SnapshotTable} AS SELECT id, {BareDiffChild.Fingerprint} AS fingerprint FROM main.{Model};
            CHECKPOINT;
            """);
        return project;
    }

    /// <summary>Changes 1 % of the model's rows (every hundredth key), as a dbt run would between two syncs.</summary>
    public long ChangeOnePercent()
    {
        Execute($"UPDATE main.{Model} SET quantity = quantity + 1 WHERE id % 100 = 0; CHECKPOINT;");
        return (Rows + 99) / 100;
    }

    public void Execute(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    /// <summary>Leave the directory in place when disposed (<c>--keep</c>).</summary>
    public bool Keep { get; set; }

    public void Dispose()
    {
        if (Keep) Console.WriteLine($"  kept: {Dir}");
        else Directory.Delete(Dir, recursive: true);
    }

    private void WriteFiles(string? memoryLimit)
    {
        File.WriteAllText(Path.Combine(Dir, "dbt_project.yml"), "name: retl_bench\nversion: \"1.0.0\"\nconfig-version: 2\nprofile: retl_bench\n");
        var settings = memoryLimit is null ? "" : $"      settings:\n        memory_limit: {memoryLimit}\n";
        File.WriteAllText(Path.Combine(Dir, "profiles.yml"),
            $"retl_bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {DatabasePath}\n      schema: main\n      threads: 1\n{settings}");
        // The receiver's URL comes from the child's environment (a fresh emulator per sync); generous limits, so the
        // receiver accepts as fast as retl sends and the sync measures retl.
        File.WriteAllText(Path.Combine(Dir, "retl_connections.yml"), $$$"""
            hook:
              type: webhook
              url: "{{ env_var('{{{WebhookUrlVariable}}}', 'http://127.0.0.1:9/webhook') }}"
              secret: "{{ env_var('RETL_BENCH_WEBHOOK_SECRET', '{{{WebhookEmulatorOptions.DefaultSecret}}}') }}"
              batch_size: 1000
              rate_limit: {requests: 100000, per_seconds: 1}
            """ + "\n");
        Directory.CreateDirectory(Path.Combine(Dir, "target"));
        File.WriteAllText(Path.Combine(Dir, "target", "manifest.json"), Manifest().ToJsonString());
    }

    private static JsonObject Manifest()
    {
        var columns = new JsonObject
        {
            ["id"] = Column("id", "bigint", new JsonArray(new JsonObject { ["type"] = "not_null" }, new JsonObject { ["type"] = "primary_key" })),
        };
        foreach (var (name, type) in ValueColumns) columns[name] = Column(name, type, []);
        var fields = new JsonObject();
        foreach (var (name, _) in ValueColumns) fields[name] = name;
        var meta = new JsonObject
        {
            ["sync"] = new JsonObject
            {
                ["primary_key"] = "id",
                ["destinations"] = new JsonArray(new JsonObject
                {
                    ["connection"] = "hook", ["object"] = "order.changed", ["mode"] = "upsert", ["fields"] = fields,
                }),
            },
        };
        var id = $"model.retl_bench.{Model}";
        var node = new JsonObject
        {
            ["database"] = "bench", ["schema"] = "main", ["name"] = Model, ["alias"] = Model, ["resource_type"] = "model",
            ["package_name"] = "retl_bench", ["unique_id"] = id, ["path"] = $"{Model}.sql", ["original_file_path"] = $"models/{Model}.sql",
            ["patch_path"] = "retl_bench://models/_models.yml", ["relation_name"] = $"\"bench\".\"main\".\"{Model}\"",
            ["config"] = new JsonObject
            {
                ["enabled"] = true, ["materialized"] = "table", ["meta"] = meta.DeepClone(),
                ["contract"] = new JsonObject { ["enforced"] = true, ["alias_types"] = true },
            },
            ["meta"] = meta, ["columns"] = columns, ["depends_on"] = new JsonObject { ["nodes"] = new JsonArray() },
        };
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["dbt_schema_version"] = "https://schemas.getdbt.com/dbt/manifest/v12.json", ["dbt_version"] = "1.10.13",
                ["invocation_id"] = "00000000-0000-4000-8000-000000000000", ["project_name"] = "retl_bench", ["adapter_type"] = "duckdb",
            },
            ["nodes"] = new JsonObject { [id] = node },
            ["sources"] = new JsonObject(), ["parent_map"] = new JsonObject { [id] = new JsonArray() },
            ["child_map"] = new JsonObject { [id] = new JsonArray() },
        };
    }

    private static JsonObject Column(string name, string type, JsonArray constraints) => new()
    {
        ["name"] = name, ["data_type"] = type, ["meta"] = new JsonObject(), ["constraints"] = constraints,
    };
}
