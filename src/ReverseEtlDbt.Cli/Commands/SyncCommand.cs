using System.Runtime.InteropServices;
using System.ComponentModel;
using System.Diagnostics;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary><c>retl sync</c>: guard, diff, push and state for the selected syncs.</summary>
public sealed class SyncCommand(Terminal terminal) : RetlCommand<SyncCommand.Settings>(terminal)
{
    public sealed class Settings : SyncRunSettings;

    protected override string RecordedCommand => "sync";

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        await using var runtime = await RuntimeProject.PrepareAsync(settings, Environment.GetEnvironmentVariable);
        var run = new SyncInvocation(Terminal, settings, runtime, "sync");
        return await run.ExecuteAsync(new EngineOptions { FullResync = settings.FullResync, MaxParallelSyncs = settings.Threads, StateSchema = settings.StateSchema }, cancellationToken);
    }
}

/// <summary>
/// One invocation of the engine from the command line, shared by <c>sync</c> and <c>build</c>: Ctrl-C handling,
/// progress display, summary table and <c>target/sync_results.json</c>.
/// </summary>
public sealed class SyncInvocation(Terminal terminal, SyncRunSettings settings, RuntimeProject runtime, string command)
{
    public IReadOnlyList<SyncOutcome> Extra { get; init; } = [];

    /// <summary>Runs the engine, renders the summary, writes the run's record; returns the exit code.</summary>
    public async Task<int> ExecuteAsync(EngineOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var time = TimeProvider.System;
        var quiet = settings.Format is "json" or "junit"; // stdout carries one document: no log lines
        var log = new RunLog(quiet ? new Terminal(TextWriter.Null, TextWriter.Null) : terminal, settings.LogFormat == "json", time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abort = new CancellationTokenSource();
        // Ctrl-C and SIGTERM (an orchestrator stopping the task) both stop after the batch in flight; a second one stops at once.
        using var signals = new StopSignals((signal, count) =>
        {
            // Cancelled before the line is written: whoever reads the line knows the run is already stopping.
            if (count > 1) abort.Cancel();
            stop.Cancel();
            if (count == 1) log.Warn("stopping", $"{(signal == PosixSignal.SIGTERM ? "SIGTERM" : "Interrupted")}: stopping after the batch in flight (signal again to stop at once)");
        });
        log.Info("run_started", $"Running retl {command}: {runtime.Runnable.Count + runtime.Refused.Count} sync(s) selected");
        // Timeouts are the engine's (per attempt); redirects are never followed: a destination that moved is an error, not a silent resend.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        IReadOnlyList<SyncOutcome> ran;
        if (terminal.Interactive && !log.Json && !quiet && runtime.Runnable.Count > 0)
        {
            ran = await terminal.Out.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(ctx => RunEngineAsync(new LiveProgress(ctx), options, time, http, stop.Token, abort.Token));
        }
        else
        {
            ran = await RunEngineAsync(new LogProgress(log), options, time, http, stop.Token, abort.Token);
        }
        var outcomes = Extra.Concat(runtime.Refused).Concat(ran).ToList();
        foreach (var refused in runtime.Refused) new LogProgress(log).Finished(refused);
        var path = RunRecord.Write(terminal, settings, command, runtime.Project.Manifest.Metadata.InvocationId, clock.Elapsed.TotalSeconds, outcomes);
        var exit = RunRecord.ExitCode(OutcomeTable.ExitCode(outcomes), path);
        WriteSummary(outcomes, log.Json, path);
        log.Info("run_finished", path is null ? "Could not write sync_results.json" : $"Wrote {LoadedProject.Display(settings, path)}",
            new { path, sync_exit_code = exit });
        return exit;
    }

    private void WriteSummary(IReadOnlyList<SyncOutcome> outcomes, bool jsonLog, string? resultsPath)
    {
        switch (settings.Format)
        {
            case "json":
                if (resultsPath is not null) terminal.WriteRaw(File.ReadAllText(resultsPath));
                break;
            case "junit":
                terminal.WriteRaw(SyncSummaryFormatter.JUnit(command, outcomes));
                break;
            case "github":
                terminal.WriteRaw(SyncSummaryFormatter.GitHub(command, outcomes));
                if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
                    File.AppendAllText(summary, SyncSummaryFormatter.Markdown(command, outcomes));
                break;
            default:
                if (!jsonLog) SummaryTable.Write(terminal, outcomes);
                break;
        }
    }

    private Task<IReadOnlyList<SyncOutcome>> RunEngineAsync(ISyncProgress progress, EngineOptions options, TimeProvider time,
        HttpClient http, CancellationToken stop, CancellationToken abort) =>
        new SyncEngine(new SyncEnvironment(runtime.OpenWarehouse, options, time, progress, command), http)
            .RunAsync(runtime.Runnable, stop, abort);
}
