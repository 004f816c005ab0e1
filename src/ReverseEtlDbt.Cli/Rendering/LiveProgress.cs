using System.Collections.Concurrent;
using ReverseEtlDbt.Engine;
using Spectre.Console;

namespace ReverseEtlDbt.Cli.Rendering;

/// <summary>A live display in a terminal: one bar per sync (rows sent of total), with rejections and retries.</summary>
public sealed class LiveProgress(ProgressContext context) : ISyncProgress
{
    private readonly ConcurrentDictionary<string, ProgressTask> tasks = new();
    private readonly ConcurrentDictionary<string, SyncProgressSnapshot> latest = new();

    public void Started(string syncId, long totalChanges)
    {
        var task = tasks.GetOrAdd(syncId, id => context.AddTask(Markup.Escape(id)));
        task.MaxValue = Math.Max(1, totalChanges);
    }

    public void BatchDone(SyncProgressSnapshot progress)
    {
        if (!tasks.TryGetValue(progress.SyncId, out var task)) return;
        task.Increment(progress.BatchRows);
        // Batches in flight together may report out of order: the furthest snapshot describes the sync.
        var c = latest.AddOrUpdate(progress.SyncId, progress, (_, seen) => progress.RowsDone >= seen.RowsDone ? progress : seen).Counts;
        task.Description = Markup.Escape(progress.SyncId) + (c.Rejected > 0 ? $" [yellow]{c.Rejected} rejected[/]" : "")
            + (c.Retries > 0 ? $" [grey]{c.Retries} retries[/]" : "");
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
