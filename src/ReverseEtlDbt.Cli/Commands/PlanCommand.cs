using System.ComponentModel;
using System.Diagnostics;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Results;
using ReverseEtlDbt.Warehouse.Diff;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// <c>retl plan</c>: the contract guard and the diff of every selected sync, as counts and masked sample rows.
/// Reads the warehouse only: no state schema is created, no lock is taken, no destination is called.
/// </summary>
public sealed class PlanCommand(Terminal terminal) : RetlCommand<PlanCommand.Settings>(terminal)
{
    public sealed class Settings : ProjectSettings
    {
    public override bool SelectionMustMatch => true;

        [CommandOption("--full-resync")]
        [Description("Plan as if nothing had been synced: every row counts as changed.")]
        public bool FullResync { get; init; }
    }

    protected override string RecordedCommand => "plan";

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var time = TimeProvider.System;
        await using var runtime = await RuntimeProject.PrepareAsync(settings, Environment.GetEnvironmentVariable);
        var log = new RunLog(Terminal, settings.LogFormat == "json", time);
        var planner = new SyncPlanner(runtime.OpenWarehouse, new DiffOptions { FullResync = settings.FullResync }, stateSchema: settings.StateSchema);

        var previews = runtime.Refused.Select(o => new SyncPreview { Outcome = o }).ToList();
        foreach (var plan in runtime.Runnable)
            previews.Add(await planner.PlanAsync(plan, cancellationToken));

        var outcomes = previews.Select(p => p.Outcome).ToList();
        var path = RunRecord.Write(Terminal, settings, "plan", runtime.Project.Manifest.Metadata.InvocationId, clock.Elapsed.TotalSeconds, outcomes);
        var exitCode = RunRecord.ExitCode(OutcomeTable.ExitCode(outcomes), path);
        var display = path is null ? "no sync_results.json" : LoadedProject.Display(settings, path);
        if (log.Json)
        {
            foreach (var preview in previews) PlanLog.Write(log, preview);
            log.Info("plan_finished", $"Wrote {display}", new { path, exit_code = exitCode });
        }
        else
        {
            foreach (var preview in previews) PlanReport.Write(Terminal, preview);
            PlanSummary.Write(Terminal, outcomes);
            Terminal.Out.WriteLine($"Nothing was sent. Wrote {display}");
        }
        return exitCode;
    }
}
