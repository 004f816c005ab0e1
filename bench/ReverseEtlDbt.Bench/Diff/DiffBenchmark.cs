using System.Diagnostics;
using System.Globalization;

namespace ReverseEtlDbt.Bench.Diff;

/// <summary>
/// The warehouse diff on DuckDB models of 100k, 1M and 10M rows with 1 % changed: time of our streamed diff against
/// a bare hand-written left/anti-join (goal ≤ 1.2×), rows transferred (must equal the changed rows) and peak RSS
/// during the diff (goal: flat). Wall and CPU time are each the best of three rounds (CPU time is the steadier
/// figure on a shared machine). Each size runs in a fresh child process so peaks do not carry over.
/// Usage: <c>bench diff [sizes...] [--memory-limit=512MB]</c>, e.g. <c>bench diff 100000 1000000</c>; the memory limit is
/// DuckDB's <c>memory_limit</c> for both queries, as a profile's <c>settings:</c> would set it.
/// </summary>
public sealed class DiffBenchmark : IBenchmark
{
    private const string ChildFlag = "--child";
    private const string MemoryLimitFlag = "--memory-limit=";

    public string Name => "diff";

    public string Description => "warehouse diff vs bare SQL join on DuckDB, 1% changed (rows, time, peak RSS)";

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 2 && args[0] == ChildFlag)
        {
            var result = await new DiffBenchmarkRun(long.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? args[2] : null).RunAsync();
            Console.WriteLine(result.ToJson());
            return 0;
        }

        var memoryLimit = args.FirstOrDefault(a => a.StartsWith(MemoryLimitFlag, StringComparison.Ordinal))?[MemoryLimitFlag.Length..];
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var sizes = numbers.Length > 0 ? numbers.Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100_000L, 1_000_000L, 10_000_000L];
        if (memoryLimit is not null) Console.WriteLine($"DuckDB memory_limit = {memoryLimit} (both queries)");
        var results = new List<DiffBenchmarkResult>();
        var failed = false;
        foreach (var size in sizes)
        {
            var r = await RunChildAsync(size, memoryLimit);
            if (r is null) { failed = true; continue; }
            results.Add(r);
        }

        Console.WriteLine("model without key constraint (retl checks keys: null count, then proves uniqueness from the diff's counts):");
        Console.WriteLine($"{"rows",12} {"changed",9} {"sent",9} {"diff s",8} {"join s",8} {"ratio",6} {"diff cpu",9} {"join cpu",9} {"ratio",6} {"diff RSS MiB",13} {"join RSS MiB",13} {"live heap MiB",13} {"setup s",8}");
        foreach (var r in results)
        {
            var ok = r.DiffRows == r.ExpectedChanged && r.BaselineRows == r.ExpectedChanged;
            failed |= !ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Rows,12:N0} {r.ExpectedChanged,9:N0} {r.DiffRows,9:N0} {r.DiffSeconds,8:F2} {r.BaselineSeconds,8:F2} {r.DiffSeconds / r.BaselineSeconds,5:F2}x {r.DiffCpuSeconds,9:F2} {r.BaselineCpuSeconds,9:F2} {r.DiffCpuSeconds / r.BaselineCpuSeconds,5:F2}x {r.DiffPeakMiB,13:F0} {r.BaselinePeakMiB,13:F0} {r.ManagedPeakMiB,13:F1} {r.SetupSeconds,8:F1}{(ok ? "" : "  ROW COUNT MISMATCH")}"));
        }
        Console.WriteLine("model with the key as enforced primary key (retl skips the key check):");
        Console.WriteLine($"{"rows",12} {"sent",9} {"diff s",8} {"join s",8} {"ratio",6} {"diff cpu",9} {"join cpu",9} {"ratio",6}");
        foreach (var r in results)
        {
            var ok = r.PkDiffRows == r.ExpectedChanged && r.PkBaselineRows == r.ExpectedChanged;
            failed |= !ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Rows,12:N0} {r.PkDiffRows,9:N0} {r.PkDiffSeconds,8:F2} {r.PkBaselineSeconds,8:F2} {r.PkDiffSeconds / r.PkBaselineSeconds,5:F2}x {r.PkDiffCpuSeconds,9:F2} {r.PkBaselineCpuSeconds,9:F2} {r.PkDiffCpuSeconds / r.PkBaselineCpuSeconds,5:F2}x{(ok ? "" : "  ROW COUNT MISMATCH")}"));
        }
        return failed ? 1 : 0;
    }

    private static async Task<DiffBenchmarkResult?> RunChildAsync(long size, string? memoryLimit)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(DiffBenchmark).Assembly.Location);
        foreach (var arg in new[] { "diff", ChildFlag, size.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(arg);
        if (memoryLimit is not null) start.ArgumentList.Add(memoryLimit);

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (child.ExitCode != 0 || line is null)
        {
            await Console.Error.WriteLineAsync($"size {size}: child exited {child.ExitCode}");
            return null;
        }
        return DiffBenchmarkResult.FromJson(line);
    }
}
