using System.Diagnostics;
using System.Globalization;
using ReverseEtlDbt.Bench.Diff;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Engine;

namespace ReverseEtlDbt.Bench.Sync;

/// <summary>
/// Throughput of <c>retl sync</c> against the HubSpot emulator enforcing a documented-shaped limit (N requests per
/// window), repeated: the steady rate as a fraction of the ceiling, 429s and the busiest rolling window
/// (<see cref="ThroughputFigures"/>), and peak RSS of a sync process for 100k vs 1M changed rows (each size in a
/// fresh child process).
/// Usage: bench sync-throughput [--rows N] [--rate N] [--repeat 3] [--concurrency N] [--rss-sizes 100000,1000000|none]
/// </summary>
public sealed class SyncThroughputBenchmark : IBenchmark
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public string Name => "sync-throughput";
    public string Description => "Rows/s vs the rate-limit ceiling against the HubSpot emulator, 429s, peak RSS 100k vs 1M";

    public async Task<int> RunAsync(string[] args)
    {
        if (args is ["--child", var path, var url, var childRate, var limit])
            return await ChildAsync(path, new Uri(url), int.Parse(childRate, CultureInfo.InvariantCulture), limit == "default" ? null : limit);
        var rows = Arg(args, "--rows", 30_000);
        var rate = Arg(args, "--rate", 20);
        var repeat = Arg(args, "--repeat", 3);
        int? concurrency = ArgText(args, "--concurrency") is null ? null : Arg(args, "--concurrency", 0);
        var sizes = ArgText(args, "--rss-sizes") is "none" ? [] : (ArgText(args, "--rss-sizes") ?? "100000,1000000").Split(',').Select(long.Parse).ToList();
        var dir = Directory.CreateTempSubdirectory("retl-sync-bench").FullName;
        try
        {
            Console.WriteLine($"throughput: {rows:N0} rows, limit {rate} requests per {Window.TotalSeconds:0} s x 100 rows, max_concurrency {concurrency?.ToString(CultureInfo.InvariantCulture) ?? "default"} = ceiling {100.0 * rate / Window.TotalSeconds:N0} rows/s");
            var runs = new List<ThroughputFigures>();
            for (var run = 1; run <= repeat; run++) runs.Add(await ThroughputAsync(dir, rows, rate, concurrency, run));
            Summarise(runs, rate);
            foreach (var memoryLimit in new[] { "default", "256MB" })
                foreach (var size in sizes) await PeakRssAsync(dir, size, memoryLimit);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<ThroughputFigures> ThroughputAsync(string dir, int rows, int rate, int? concurrency, int run)
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        host.HubSpot.Options.RateLimitRequests = rate;
        host.HubSpot.Options.RateLimitWindow = Window;
        var path = SyncBenchSetup.CreateModel(dir, rows);
        var plan = SyncBenchSetup.Plan(path, host.BaseUrl, rate, Window, concurrency);
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        var outcome = (await new SyncEngine(SyncBenchSetup.Environment(path), http).RunAsync([plan], CancellationToken.None, CancellationToken.None)).Single();
        var wall = clock.Elapsed.TotalSeconds;

        var requests = host.HubSpot.Requests;
        var figures = ThroughputFigures.From(
            [.. requests.Where(r => r.Status is 200 or 207).Select(r => r.ArrivedAt)], [.. requests.Select(r => r.ArrivedAt)],
            rate, Window, host.HubSpot.CountRequests(429));
        Console.WriteLine($"  run {run}: {figures.OfCeiling:P1} of the ceiling (median N-gap {figures.MedianGap:P1} of the window), 429 x {figures.Refused}, busiest rolling window {figures.BusiestWindow} of {rate} allowed"
            + $" ({figures.Accepted} requests, status {outcome.Status}, retries {outcome.Counts.Retries}, {host.HubSpot.Records("contacts").Count:N0} records, wall {wall:0.0}s)");
        return figures;
    }

    private static void Summarise(IReadOnlyList<ThroughputFigures> runs, int rate)
    {
        var ratios = runs.Select(r => r.OfCeiling).Order().ToList();
        Console.WriteLine($"  {runs.Count} runs: {ratios[0]:P1} to {ratios[^1]:P1} of the ceiling (median {ratios[ratios.Count / 2]:P1}), "
            + $"429 x {runs.Sum(r => r.Refused)} in all, busiest rolling window {runs.Max(r => r.BusiestWindow)} of {rate} allowed");
    }

    private static async Task PeakRssAsync(string dir, long rows, string memoryLimit)
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        const int rate = 5000;
        host.HubSpot.Options.RateLimitRequests = rate;
        host.HubSpot.Options.RateLimitWindow = TimeSpan.FromSeconds(1);
        var path = SyncBenchSetup.CreateModel(dir, rows);
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        foreach (var arg in new[] { typeof(Program).Assembly.Location, "sync-throughput", "--child", path, host.BaseUrl.ToString(), rate.ToString(CultureInfo.InvariantCulture), memoryLimit })
            start.ArgumentList.Add(arg);
        if (Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) is false) start.ArgumentList.RemoveAt(0);
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        Console.WriteLine($"peak RSS, {rows:N0} changed rows, DuckDB memory_limit {memoryLimit}: {output.Trim()} (emulator holds {host.HubSpot.Records("contacts").Count:N0})");
    }

    private static async Task<int> ChildAsync(string path, Uri url, int rate, string? memoryLimit)
    {
        var plan = SyncBenchSetup.Plan(path, url, rate, TimeSpan.FromSeconds(1));
        using var http = new HttpClient();
        long peakManaged = 0;
        using var sampler = new Timer(_ => Interlocked.Exchange(ref peakManaged, Math.Max(Interlocked.Read(ref peakManaged), GC.GetTotalMemory(false))),
            null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        var clock = Stopwatch.StartNew();
        var outcome = (await new SyncEngine(SyncBenchSetup.Environment(path, memoryLimit), http).RunAsync([plan], CancellationToken.None, CancellationToken.None)).Single();
        var synced = outcome.Counts.Added + outcome.Counts.Changed;
        var managed = Interlocked.Read(ref peakManaged) / 1048576.0;
        Console.WriteLine($"{ProcessMemory.PeakMiB():0} MiB (peak managed heap {managed:0} MiB; the rest is the embedded DuckDB), {synced:N0} rows synced in {clock.Elapsed.TotalSeconds:0.0}s ({synced / clock.Elapsed.TotalSeconds:N0} rows/s), status {outcome.Status}");
        return 0;
    }

    private static int Arg(string[] args, string name, int fallback) =>
        ArgText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? ArgText(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
