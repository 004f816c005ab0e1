using System.Globalization;

namespace ReverseEtlDbt.Bench.WholeProcess;

/// <summary>
/// <c>bench process [sizes...] [--changed=1,0] [--memory-limit=512MB] [--sync-sizes=200000,2000000|none] [--rounds=3]
/// [--retl=path] [--keep]</c>. Sizes default to 200k, 2M and 10M rows; the retl binary to the solution's Release build.
/// </summary>
internal sealed record ProcessBenchOptions(
    IReadOnlyList<long> Sizes, IReadOnlyList<int> ChangedPercents, string? MemoryLimit, IReadOnlyList<long> SyncSizes, int Rounds, string Retl)
{
    /// <summary>Keep each size's project directory (printed) for profiling by hand, instead of deleting it.</summary>
    public bool Keep { get; init; }

    public static ProcessBenchOptions Parse(string[] args)
    {
        string? Flag(string name) => args.LastOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];
        static List<long> Numbers(IEnumerable<string> values) => values.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToList();

        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var changed = Flag("changed") is { } c ? c.Split(',').Select(int.Parse).ToList() : [1, 0];
        if (changed.Any(p => p is not (0 or 1))) throw new ArgumentException("--changed takes 1 and/or 0 (percent of rows changed)");
        var syncSizes = Flag("sync-sizes") switch
        {
            null => [200_000L, 2_000_000L],
            "none" => [],
            var list => Numbers(list.Split(',')),
        };
        var sizes = positional.Count > 0 ? Numbers(positional) : [200_000L, 2_000_000L, 10_000_000L];
        return new ProcessBenchOptions(
            sizes.Union(syncSizes).Order().ToList(), changed, Flag("memory-limit"), syncSizes,
            int.Parse(Flag("rounds") ?? "3", CultureInfo.InvariantCulture), Flag("retl") ?? DefaultRetl())
        {
            Keep = args.Contains("--keep"),
        };
    }

    /// <summary>src/ReverseEtlDbt.Cli/bin/Release/net10.0/retl of the solution this bench sits in.</summary>
    private static string DefaultRetl()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReverseEtlDbt.sln")))
                return Path.Combine(dir.FullName, "src", "ReverseEtlDbt.Cli", "bin", "Release", "net10.0", "retl");
        throw new InvalidOperationException("ReverseEtlDbt.sln not found above the bench; pass --retl=<path to retl>");
    }
}
