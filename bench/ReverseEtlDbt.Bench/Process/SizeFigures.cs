namespace ReverseEtlDbt.Bench.WholeProcess;

/// <summary>One model size's measurements: a first full sync (when asked for) and, per percent changed, plan and bare diff.</summary>
internal sealed class SizeFigures(long rows)
{
    public long Rows { get; } = rows;

    /// <summary>The first full <c>retl sync</c> of every row to the webhook; null when this size only plans.</summary>
    public ChildRun? Sync { get; set; }

    /// <summary>Per percent changed: <c>retl plan</c> and the bare diff, each the best of the rounds.</summary>
    public Dictionary<int, (ChildRun Plan, ChildRun Bare)> Diffs { get; } = [];

    /// <summary>
    /// Per percent changed: each round's plan time over the same round's bare time. Their median is steadier than the
    /// ratio of the bests on a shared machine, where a burst of load can slow every round of one side.
    /// </summary>
    public Dictionary<int, List<double>> RoundRatios { get; } = [];

    public double MedianRatio(int percent)
    {
        var ratios = RoundRatios[percent].Order().ToList();
        return ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;
    }
}
