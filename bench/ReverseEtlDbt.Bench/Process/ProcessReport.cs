using System.Globalization;

namespace ReverseEtlDbt.Bench.WholeProcess;

/// <summary>
/// The tables of <see cref="ProcessBenchmark"/> and the targets of issue 12: plan wall time ≤ 1.3× the bare diff at 2M
/// rows and up; plan peak RSS growth from N/10 to N ≤ 1.2× the bare diff's; first full sync peak RSS growth ≤ 1.3× the
/// bare diff's; 10M rows completes under <c>memory_limit: 512MB</c>. Growth is from N/10 when that size was measured,
/// else from the next smaller size (said in the table).
/// </summary>
internal static class ProcessReport
{
    private const double PlanTimeTarget = 1.3, PlanGrowthTarget = 1.2, SyncGrowthTarget = 1.3;
    private const long TimeTargetFrom = 2_000_000;

    public static void Write(IReadOnlyList<SizeFigures> sizes, ProcessBenchOptions options)
    {
        var measured = sizes.Where(s => s.Diffs.Count > 0).OrderBy(s => s.Rows).ToList();
        Console.WriteLine();
        Console.WriteLine($"retl plan vs bare diff SQL, each a fresh process; wall: best of {options.Rounds} (ratio: of the bests; median: of each round's plan/bare); peak RSS: VmHWM, highest of the rounds");
        Console.WriteLine($"{"rows",12} {"changed",8} {"plan s",8} {"bare s",8} {"ratio",7} {"median",7} {"plan MiB",9} {"bare MiB",9}  target ≤{PlanTimeTarget}x (≥2M rows)");
        foreach (var size in measured)
            foreach (var (percent, (plan, bare)) in size.Diffs.OrderByDescending(d => d.Key))
            {
                var ratio = plan.Seconds / bare.Seconds;
                Console.WriteLine(Invariant($"{size.Rows,12:N0} {percent,7} % {plan.Seconds,8:F2} {bare.Seconds,8:F2} {ratio,6:F2}x {size.MedianRatio(percent),6:F2}x {plan.PeakMiB,9:F0} {bare.PeakMiB,9:F0}  {(size.Rows < TimeTargetFrom ? "-" : Verdict(ratio <= PlanTimeTarget))}"));
            }

        Console.WriteLine();
        Console.WriteLine($"peak RSS growth, retl plan vs bare diff SQL");
        Console.WriteLine($"{"from",12} {"to",12} {"changed",8} {"plan +MiB",10} {"bare +MiB",10} {"ratio",7}  target ≤{PlanGrowthTarget}x (from N/10)");
        foreach (var (from, to) in Steps(measured.Select(s => s.Rows).ToList()))
        {
            var (small, large) = (measured.Single(s => s.Rows == from), measured.Single(s => s.Rows == to));
            foreach (var percent in large.Diffs.Keys.Intersect(small.Diffs.Keys).OrderDescending())
            {
                var plan = large.Diffs[percent].Plan.PeakMiB - small.Diffs[percent].Plan.PeakMiB;
                var bare = large.Diffs[percent].Bare.PeakMiB - small.Diffs[percent].Bare.PeakMiB;
                Console.WriteLine(Invariant($"{from,12:N0} {to,12:N0} {percent,7} % {plan,10:F0} {bare,10:F0} {plan / bare,6:F2}x  {(to == from * 10 ? Verdict(plan <= PlanGrowthTarget * bare) : "- (not N/10)")}"));
            }
        }

        WriteSync(sizes);
        var largest = measured.LastOrDefault();
        Console.WriteLine();
        Console.WriteLine(largest is { Rows: >= 10_000_000 } && options.MemoryLimit == "512MB"
            ? $"{largest.Rows:N0} rows under memory_limit 512MB: completed (plan peak RSS {largest.Diffs.Values.Max(d => d.Plan.PeakMiB):F0} MiB)"
            : "10M rows under memory_limit 512MB: not measured in this run (pass 10000000 --memory-limit=512MB)");
    }

    private static void WriteSync(IReadOnlyList<SizeFigures> sizes)
    {
        var synced = sizes.Where(s => s.Sync is { ExitCode: 0 }).OrderBy(s => s.Rows).ToList();
        if (synced.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine("first full retl sync, every row to the webhook emulator");
        Console.WriteLine($"{"rows",12} {"sync s",8} {"peak MiB",9}");
        foreach (var size in synced) Console.WriteLine(Invariant($"{size.Rows,12:N0} {size.Sync!.Seconds,8:F1} {size.Sync.PeakMiB,9:F0}"));
        Console.WriteLine($"{"from",12} {"to",12} {"sync +MiB",10} {"bare +MiB",10} {"ratio",7}  target ≤{SyncGrowthTarget}x (bare: 1 % changed, else 0 %)");
        foreach (var (from, to) in Steps(synced.Select(s => s.Rows).ToList()))
        {
            var (small, large) = (synced.Single(s => s.Rows == from), synced.Single(s => s.Rows == to));
            var sync = large.Sync!.PeakMiB - small.Sync!.PeakMiB;
            var bare = BarePeak(large) - BarePeak(small);
            Console.WriteLine(Invariant($"{from,12:N0} {to,12:N0} {sync,10:F0} {bare,10:F0} {sync / bare,6:F2}x  {Verdict(sync <= SyncGrowthTarget * bare)}"));
        }
    }

    private static double BarePeak(SizeFigures size) =>
        size.Diffs.TryGetValue(1, out var one) ? one.Bare.PeakMiB : size.Diffs.TryGetValue(0, out var none) ? none.Bare.PeakMiB : double.NaN;

    /// <summary>For each size above the smallest: from N/10 when measured, else from the next smaller size.</summary>
    private static IEnumerable<(long From, long To)> Steps(IReadOnlyList<long> rows) =>
        rows.Skip(1).Select((to, i) => (rows.Contains(to / 10) && to % 10 == 0 ? to / 10 : rows[i], to));

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
