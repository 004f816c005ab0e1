using System.Diagnostics;
using System.Text.Json;
using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Bench.Artifacts;

/// <summary>
/// One measured case, run in a fresh process so its peak RSS (VmHWM) belongs to this case alone:
/// parses the file a few times and prints <c>RESULT &lt;median ms&gt; &lt;peak RSS kB&gt; &lt;retained heap kB&gt;</c>.
/// </summary>
internal static class ParseChild
{
    public const string Marker = "--child";

    // Synchronous throughout, so the measuring thread is never a thread-pool thread.
    public static int Run(string mode, string path, int runs)
    {
        var times = new List<double>();
        long retained = 0;
        for (var i = 0; i < runs; i++)
        {
            var before = CompactedHeapBytes();
            var watch = Stopwatch.StartNew();
            var parsed = Parse(mode, path);
            times.Add(watch.Elapsed.TotalMilliseconds);
            // What the parse result itself keeps alive on the managed heap.
            retained = CompactedHeapBytes() - before;
            GC.KeepAlive(parsed);
            (parsed as IDisposable)?.Dispose();
        }
        times.Sort();
        Console.WriteLine(FormattableString.Invariant($"RESULT {times[times.Count / 2]:F1} {PeakRssKb()} {retained / 1024}"));
        return 0;
    }

    private static object? Parse(string mode, string path)
    {
        switch (mode)
        {
            case "reader":
                return ManifestReader.Read(path);
            case "reader-async":
                return ManifestReader.ReadAsync(path, CancellationToken.None).GetAwaiter().GetResult();
            case "dom":
                using (var stream = File.OpenRead(path))
                    return JsonDocument.Parse(stream);
            case "idle":
                return null;
            default:
                throw new ArgumentException($"unknown mode '{mode}'", nameof(mode));
        }
    }

    // A thread-pool thread keeps its last work item (and so an async read's result) reachable until it
    // runs another one: give the pool some work first so the figure is what the caller's result holds.
    private static long CompactedHeapBytes()
    {
        for (var i = 0; i < 4; i++)
            Task.WaitAll(Enumerable.Range(0, Environment.ProcessorCount * 4).Select(_ => Task.Run(() => Thread.Sleep(2))));
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    /// <summary>Peak resident set size of this process (Linux <c>/proc/self/status</c> VmHWM), 0 elsewhere.</summary>
    private static long PeakRssKb()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return 0;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim());
    }
}
