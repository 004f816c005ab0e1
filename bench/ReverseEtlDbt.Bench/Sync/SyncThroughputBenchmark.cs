using System.Diagnostics;
using System.Globalization;
using ReverseEtlDbt.Bench.Diff;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Engine;

namespace ReverseEtlDbt.Bench.Sync;

/// <summary>
/// Throughput of <c>retl sync</c> against the HubSpot emulator enforcing a documented-shaped limit (N requests per
/// window): achieved rows/s as a fraction of the ceiling (batch size × rate), 429s in steady state, and peak RSS of
/// a sync process for 100k vs 1M changed rows (each size in a fresh child process).
/// Usage: bench sync-throughput [--rows N] [--rate N] [--rss-sizes 100000,1000000]
/// </summary>
public sealed class SyncThroughputBenchmark : IBenchmark
{
    public string Name => "sync-throughput";
    public string Description => "Rows/s vs the rate-limit ceiling against the HubSpot emulator, 429s, peak RSS 100k vs 1M";

    public async Task<int> RunAsync(string[] args)
    {
        if (args is ["--child", var path, var url, var childRate, var limit])
            return await ChildAsync(path, new Uri(url), int.Parse(childRate, CultureInfo.InvariantCulture), limit == "default" ? null : limit);
        var rows = Arg(args, "--rows", 30_000);
        var rate = Arg(args, "--rate", 20);
        var sizes = (ArgText(args, "--rss-sizes") ?? "100000,1000000").Split(',').Select(long.Parse).ToList();
        var dir = Directory.CreateTempSubdirectory("retl-sync-bench").FullName;
        try
        {
            await ThroughputAsync(dir, rows, rate);
            foreach (var memoryLimit in new[] { "default", "256MB" })
                foreach (var size in sizes) await PeakRssAsync(dir, size, memoryLimit);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task ThroughputAsync(string dir, int rows, int rate)
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        host.HubSpot.Options.RateLimitRequests = rate;
        host.HubSpot.Options.RateLimitWindow = TimeSpan.FromSeconds(1);
        var path = SyncBenchSetup.CreateModel(dir, rows);
        var plan = SyncBenchSetup.Plan(path, host.BaseUrl, rate, TimeSpan.FromSeconds(1));
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        var outcome = (await new SyncEngine(SyncBenchSetup.Environment(path), http).RunAsync([plan], CancellationToken.None, CancellationToken.None)).Single();
        var total = clock.Elapsed.TotalSeconds;

        var requests = host.HubSpot.Requests.Where(r => r.Status is 200 or 207).OrderBy(r => r.At).ToList();
        var span = (requests[^1].At - requests[0].At).TotalSeconds;
        var steadyRows = requests.Skip(1).Sum(r => r.InputCount); // rows sent after the first request, over the span
        var ceiling = 100.0 * rate;
        var achieved = steadyRows / span;
        Console.WriteLine($"throughput: {rows:N0} rows, limit {rate} requests/s x 100 rows = ceiling {ceiling:N0} rows/s");
        Console.WriteLine($"  status {outcome.Status}, requests {outcome.Counts.Requests}, retries {outcome.Counts.Retries}, wall {total:0.0}s");
        Console.WriteLine($"  achieved {achieved:N0} rows/s from first to last request = {achieved / ceiling:P1} of the ceiling");
        // A sender that uses each window's allowance at once can exceed rate x span; the honest bound over a span is
        // N x ceil(span / window): the most requests any run could have made without a 429.
        var allowed = rate * Math.Ceiling(span / 1.0);
        Console.WriteLine($"  {requests.Count} requests in {span:0.0}s; at most {allowed:N0} fit that span = {requests.Count / allowed:P1} of the possible");
        Console.WriteLine($"  429 responses: {host.HubSpot.CountRequests(429)}");
        Console.WriteLine($"  emulator records: {host.HubSpot.Records("contacts").Count:N0}");
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
