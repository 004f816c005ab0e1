using DuckDB.NET.Data;

namespace ReverseEtlDbt.Bench.WholeProcess;

/// <summary>
/// The baseline, run as its own process (<c>bench process --bare-child &lt;duckdb file&gt; [memory limit]</c>): the diff a
/// person would write by hand, md5 of the values and one full outer join against a fingerprint snapshot on the key,
/// counting added, changed and removed rows. It prints the count; the parent times it and samples its peak RSS.
/// </summary>
internal static class BareDiffChild
{
    public const string Flag = "--bare-child";

    /// <summary>The hand-written row fingerprint over the model's value columns.</summary>
    public static string Fingerprint { get; } =
        $"md5(concat_ws('|', {string.Join(", ", BenchProject.ValueColumns.Select(c => c.Name))}))";

    public static async Task<int> RunAsync(string databasePath, string? memoryLimit)
    {
        await using var connection = new DuckDBConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        if (memoryLimit is not null)
        {
            command.CommandText = $"SET memory_limit = '{memoryLimit}'";
            await command.ExecuteNonQueryAsync();
        }
        command.CommandText = $"""
            SELECT COUNT(*)
            FROM (SELECT id, {Fingerprint} AS fingerprint FROM main.{BenchProject.Model}) AS m
            FULL OUTER JOIN main.{BenchProject.SnapshotTable} AS s ON s.id = m.id
            WHERE m.id IS NULL OR s.id IS NULL OR s.fingerprint <> m.fingerprint
            """;
        Console.WriteLine(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    }
}
