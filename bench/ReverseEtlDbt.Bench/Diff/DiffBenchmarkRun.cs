using System.Diagnostics;
using System.Text.Json;
using DuckDB.NET.Data;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Bench.Diff;

/// <summary>One model size, in its own process: build the model and a seeded state, change 1 %, time both diffs.</summary>
internal sealed class DiffBenchmarkRun(long rows, string? memoryLimit)
{
    private const string SyncId = "bench__crm__contacts";
    private static readonly string[] Columns = ["email", "score", "tier", "updated_at"];
    private const int Rounds = 3;
    private static long managedPeakBytes;

    public async Task<DiffBenchmarkResult> RunAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"retl_bench_diff_{Environment.ProcessId}.duckdb");
        try
        {
            await using var connection = new DuckDBConnection($"Data Source={file}");
            await connection.OpenAsync();
            var warehouse = new BenchWarehouse(connection);
            var ledger = await new State.StateSchemaMigrator(warehouse, State.LedgerSchema.DefaultName, TimeProvider.System).MigrateAsync(default);
            var spec = new DiffSpec(new RelationName(null, "main", "customers"), "customer_id", Columns, SyncId, "cfg")
            {
                IntegerKey = true, State = ledger.DiffState(warehouse.Dialect),
            };
            var setup = Stopwatch.StartNew();
            await SetUpAsync(warehouse, spec);
            setup.Stop();

            var expected = rows / 100;
            if (memoryLimit is not null) await ExecuteAsync(connection, $"SET memory_limit = '{memoryLimit}'");
            var pkSpec = spec with { Relation = new RelationName(null, "main", "customers_pk") };
            Measurement diff = Measurement.Worst, baseline = Measurement.Worst, pkDiff = Measurement.Worst, pkBaseline = Measurement.Worst;
            for (var round = 0; round < Rounds; round++)
            {
                baseline = baseline.Best(await MeasureAsync(() => CountBaselineAsync(connection, "customers")));
                diff = diff.Best(await MeasureAsync(() => CountDiffAsync(warehouse, spec)));
                pkBaseline = pkBaseline.Best(await MeasureAsync(() => CountBaselineAsync(connection, "customers_pk")));
                pkDiff = pkDiff.Best(await MeasureAsync(() => CountDiffAsync(warehouse, pkSpec)));
            }
            // One more, untimed pass that collects garbage at every page: the runner's live managed heap.
            await CountDiffAsync(warehouse, spec, measureLiveHeap: true);
            return new DiffBenchmarkResult(rows, expected, setup.Elapsed.TotalSeconds,
                diff.Seconds, diff.CpuSeconds, diff.Rows, diff.PeakMiB,
                baseline.Seconds, baseline.CpuSeconds, baseline.Rows, baseline.PeakMiB, managedPeakBytes / 1048576.0,
                pkDiff.Seconds, pkDiff.CpuSeconds, pkDiff.Rows, pkBaseline.Seconds, pkBaseline.CpuSeconds, pkBaseline.Rows);
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".wal");
        }
    }

    private async Task SetUpAsync(BenchWarehouse warehouse, DiffSpec spec)
    {
        await ExecuteAsync(warehouse.Connection, $"""
            CREATE TABLE customers AS
            SELECT i AS customer_id, 'user' || i || '@example.com' AS email, CAST((i * 7919) % 100 AS INTEGER) AS score,
                   CASE i % 3 WHEN 0 THEN 'gold' WHEN 1 THEN 'silver' ELSE 'bronze' END AS tier,
                   TIMESTAMP '2026-01-01 00:00:00' + to_seconds(i % 86400) AS updated_at
            FROM range({rows}) AS t(i)
            """);
        var firstSync = new DiffQueryBuilder(warehouse.Dialect).Changes(spec);
        await ExecuteAsync(warehouse.Connection, $"""
            INSERT INTO retl_state.synced_rows (sync_id, primary_key, fingerprint, destination_id, synced_at, primary_key_int)
            SELECT $1, x.__retl_pk, x.__retl_fp, NULL, TIMESTAMP '2026-01-01 00:00:00', CAST(x.__retl_pk AS BIGINT)
            FROM ({firstSync.Sql}) AS x
            """, firstSync.Parameters.ToArray());
        await ExecuteAsync(warehouse.Connection, """
            CREATE TABLE baseline_state AS
            SELECT customer_id, md5(concat_ws('|', email, score, tier, updated_at)) AS fingerprint FROM customers
            """);
        await ExecuteAsync(warehouse.Connection, "UPDATE customers SET score = score + 1 WHERE customer_id % 100 = 0");
        // The same model with the key declared as primary key (a contract's constraint, enforced by the warehouse).
        await ExecuteAsync(warehouse.Connection, """
            CREATE TABLE customers_pk (customer_id BIGINT PRIMARY KEY, email VARCHAR, score INTEGER, tier VARCHAR, updated_at TIMESTAMP);
            INSERT INTO customers_pk SELECT customer_id, email, score, tier, updated_at FROM customers
            """);
        await ExecuteAsync(warehouse.Connection, "CHECKPOINT");
    }

    /// <summary>What a hand-written diff would be: native key join, the same hash function (md5) over a plain concat, no key checks.</summary>
    private static async Task<long> CountBaselineAsync(DuckDBConnection connection, string model)
    {
        var sql = $"""
            SELECT m.customer_id, m.email, m.score, m.tier, m.updated_at, m.fp
            FROM (SELECT customer_id, email, score, tier, updated_at,
                         md5(concat_ws('|', email, score, tier, updated_at)) AS fp FROM {model}) AS m
            LEFT JOIN baseline_state AS s ON s.customer_id = m.customer_id
            WHERE s.customer_id IS NULL OR s.fingerprint <> m.fp
            UNION ALL
            SELECT s.customer_id, NULL, NULL, NULL, NULL, s.fingerprint FROM baseline_state AS s
            WHERE NOT EXISTS (SELECT 1 FROM {model} AS m WHERE m.customer_id = s.customer_id)
            """;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        long count = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            count++;
        }
        return count;
    }

    private static async Task<long> CountDiffAsync(IWarehouse warehouse, DiffSpec spec, bool measureLiveHeap = false)
    {
        // As the engine does: the diff into a temporary table with its key check, then its rows page by page.
        var (diff, _) = await new DiffReader(warehouse).MaterializeCheckedAsync(spec, default);
        await using var _ = diff;
        long count = 0;
        await foreach (var row in diff.ReadAsync(default))
        {
            if (row.Values.Count > 0) count++;
            if (measureLiveHeap && count % 5_000 == 4_999) managedPeakBytes = Math.Max(managedPeakBytes, GC.GetTotalMemory(forceFullCollection: true));
        }
        return count;
    }

    private static async Task<Measurement> MeasureAsync(Func<Task<long>> run)
    {
        GC.Collect();
        ProcessMemory.ResetPeak();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var count = await run();
        var seconds = watch.Elapsed.TotalSeconds;
        return new Measurement(seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, count, ProcessMemory.PeakMiB());
    }

    /// <summary>One timed run; the best of several keeps the least disturbed wall and CPU time and the highest peak.</summary>
    private sealed record Measurement(double Seconds, double CpuSeconds, long Rows, double PeakMiB)
    {
        public static Measurement Worst { get; } = new(double.MaxValue, double.MaxValue, 0, 0);

        public Measurement Best(Measurement other) =>
            new(Math.Min(Seconds, other.Seconds), Math.Min(CpuSeconds, other.CpuSeconds), other.Rows, Math.Max(PeakMiB, other.PeakMiB));
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql, params object?[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var value in parameters) command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        await command.ExecuteNonQueryAsync();
    }
}
