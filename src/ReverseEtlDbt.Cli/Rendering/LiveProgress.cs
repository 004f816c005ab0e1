using System.Collections.Concurrent;
using ReverseEtlDbt.Engine;
using Spectre.Console;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>A live display in a terminal: one bar per sync (rows sent of total), with rejections and retries.</summary>
public sealed class LiveProgress(ProgressContext context) : ISyncProgress
{
    private readonly ConcurrentDictionary<string, ProgressTask> tasks = new();
    private readonly ConcurrentDictionary<string, long> done = new();

    public void Started(string syncId, long totalChanges)
    {
        var task = tasks.GetOrAdd(syncId, id => context.AddTask(Markup.Escape(id)));
        task.MaxValue = Math.Max(1, totalChanges);
    }

    public void BatchDone(string syncId, int rows, SyncCounts counts)
    {
        if (!tasks.TryGetValue(syncId, out var task)) return;
        task.Increment(rows);
        done[syncId] = counts.Rejected;
        task.Description = Markup.Escape(syncId) + (counts.Rejected > 0 ? $" [yellow]{counts.Rejected} rejected[/]" : "")
            + (counts.Retries > 0 ? $" [grey]{counts.Retries} retries[/]" : "");
    }

    public void Retrying(string syncId, int attempt, TimeSpan delay, string reason)
    {
        if (tasks.TryGetValue(syncId, out var task))
            task.Description = $"{Markup.Escape(syncId)} [grey]retry {attempt} in {delay.TotalSeconds:0.0}s[/]";
    }

    public void Finished(SyncOutcome outcome)
    {
        var task = tasks.GetOrAdd(outcome.Sync.Id, id => context.AddTask(Markup.Escape(id)));
        var color = StatusColor.Of(outcome.Status);
        task.Description = $"{Markup.Escape(outcome.Sync.Id)} [{color}]{outcome.Status.ToString().ToLowerInvariant()}[/]";
        task.Value = task.MaxValue;
        task.StopTask();
    }
}
