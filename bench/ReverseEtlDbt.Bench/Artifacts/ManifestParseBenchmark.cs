using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace ReverseEtlDbt.Bench.Artifacts;

/// <summary>
/// <c>manifest-parse</c>: ManifestReader (sync and async) against a whole-file <c>JsonDocument</c>
/// DOM, on the largest fixture and on a synthetic ~100 MB v12 manifest. Each case runs in a child
/// process so peak RSS is per case. Args: <c>[--size-mb N] [--fixtures DIR] [--runs N]</c>.
/// </summary>
public sealed class ManifestParseBenchmark : IBenchmark
{
    private static readonly string[] Modes = ["reader", "reader-async", "dom"];

    public string Name => "manifest-parse";
    public string Description => "ManifestReader vs JsonDocument DOM: MB/s and peak RSS (largest fixture, synthetic 100 MB v12)";

    public async Task<int> RunAsync(string[] args)
    {
        if (args is [ParseChild.Marker, var mode, var path, var runs])
            return ParseChild.Run(mode, path, int.Parse(runs, CultureInfo.InvariantCulture));

        var sizeMb = IntOption(args, "--size-mb", 100);
        var runCount = IntOption(args, "--runs", 5);
        var manifests = Path.Combine(Option(args, "--fixtures") ?? FindFixtures(), "manifests");
        var largest = new DirectoryInfo(manifests).GetFiles("*.json").MaxBy(f => f.Length)!;

        var temp = Directory.CreateTempSubdirectory("retl-bench-");
        try
        {
            var synthetic = Path.Combine(temp.FullName, "manifest.json");
            var copies = SyntheticManifest.Write(Path.Combine(manifests, "v12_dbt_bouncer_1_12.json"), synthetic, sizeMb * 1024L * 1024L);
            Console.WriteLine($"synthetic v12 manifest: {copies} copies of v12_dbt_bouncer_1_12 nodes, {Mb(synthetic):F1} MB\n");

            var idle = await RunChildAsync("idle", largest.FullName, 1);
            Console.WriteLine($"process floor (runtime, no parse): peak RSS {idle.PeakKb / 1024.0:F0} MB");
            Console.WriteLine("median of the timed runs; peak RSS (VmHWM) of a fresh process parsing once; kept = managed heap the result holds\n");
            Console.WriteLine($"{"file",-34} {"case",-13} {"MB",7} {"median ms",10} {"MB/s",8} {"peak RSS MB",12} {"kept MB",9} {"time/DOM",9} {"RSS/DOM",8}");
            foreach (var file in new[] { largest.FullName, synthetic })
                await RunFileAsync(file, file == synthetic ? "synthetic v12 (generated)" : largest.Name, runCount);
            return 0;
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    // Time comes from a child that parses `runs` times; peak RSS from a fresh child that parses once,
    // so neither figure carries another run's garbage.
    private static async Task RunFileAsync(string file, string label, int runs)
    {
        var results = new Dictionary<string, (ChildResult Timed, ChildResult Once)>();
        foreach (var mode in Modes) results[mode] = (await RunChildAsync(mode, file, runs), await RunChildAsync(mode, file, 1));
        var dom = results["dom"];
        foreach (var (mode, (timed, once)) in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-34} {mode,-13} {Mb(file),7:F1} {timed.MedianMs,10:F1} {Mb(file) / (timed.MedianMs / 1000),8:F0} {once.PeakKb / 1024.0,12:F0} {once.RetainedKb / 1024.0,9:F0} {timed.MedianMs / dom.Timed.MedianMs,9:F2} {(double)once.PeakKb / dom.Once.PeakKb,8:F2}"));
    }

    private static async Task<ChildResult> RunChildAsync(string mode, string file, int runs)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet bench.dll` the host is dotnet and the benchmark assembly must be named again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in new[] { "manifest-parse", ParseChild.Marker, mode, file, runs.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"child '{mode}' exited {process.ExitCode} without a result:\n{output}");
        var parts = line.Split(' ');
        return new ChildResult(double.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private static double Mb(string file) => new FileInfo(file).Length / (1024.0 * 1024.0);

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    // shared/fixtures sits next to the repository, as in the tests.
    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReverseEtlDbt.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
        throw new InvalidOperationException("ReverseEtlDbt.sln not found; pass --fixtures <dir>");
    }

    private sealed record ChildResult(double MedianMs, long PeakKb, long RetainedKb);
}
