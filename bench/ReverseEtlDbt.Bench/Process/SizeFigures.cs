namespace ReverseEtlDbt.Bench.WholeProcess;

/// <summary>One model size's measurements: a first full sync (when asked for) and, per percent changed, plan and bare diff.</summary>
internal sealed class SizeFigures(long rows)
{
    public long Rows { get; } = rows;

    /// <summary>The first full <c>retl sync</c> of every row to the webhook; null when this size only plans.</summary>
    public ChildRun? Sync { get; set; }

    /// <summary>Per percent changed: <c>retl plan</c> and the bare diff, each the best of the rounds.</summary>
    public Dictionary<int, (ChildRun Plan, ChildRun Bare)> Diffs { get; } = [];
}
