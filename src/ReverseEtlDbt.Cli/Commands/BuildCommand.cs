using System.Runtime.InteropServices;
using System.ComponentModel;
using System.Text.Json;
using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Dbt;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Engine.Preparation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// <c>retl build [-- dbt args]</c>: runs <c>dbt build</c>, streaming its output, then syncs only the synced models that
/// invocation built and whose tests passed. The others are reported <c>skipped</c> with why (<c>not_built</c>,
/// <c>tests_failed</c>). Exit 3 when dbt could not run or built nothing; 1 when dbt failed a synced model or its tests.
/// </summary>
public sealed class BuildCommand(Terminal terminal) : RetlCommand<BuildCommand.Settings>(terminal)
{
    public sealed class Settings : SyncRunSettings
    {
        [CommandOption("--dbt-executable <PATH>")]
        [Description("The dbt command to run. Default: dbt, found on PATH.")]
        public string DbtExecutable { get; init; } = DbtRunner.DefaultExecutable;

        [CommandOption("--dbt-stop-timeout <SECONDS>")]
        [Description("After Ctrl-C or SIGTERM, how long dbt (and whatever it started) may take to stop before it is killed. Default: 20.")]
        public int DbtStopTimeout { get; init; } = 20;

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(DbtExecutable) ? ValidationResult.Error("--dbt-executable must not be empty")
            : DbtStopTimeout is < 1 or > 3600 ? ValidationResult.Error($"--dbt-stop-timeout must be between 1 and 3600 seconds, got {DbtStopTimeout}")
            : base.Validate();
    }

    private IReadOnlyList<string> passThrough = [];

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        passThrough = context.Remaining.Raw.ToList();
        return base.ExecuteAsync(context, settings, cancellationToken);
    }

    protected override string RecordedCommand => "build";

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var log = new RunLog(Terminal, settings.LogFormat == "json", TimeProvider.System);
        var resultsPath = Path.Combine(settings.FullProjectDir, settings.TargetPath, "run_results.json");
        var previousInvocation = TryReadRunResults(resultsPath)?.InvocationId;

        var (dbtExit, interrupted) = await RunDbtAsync(settings, log, cancellationToken);
        if (interrupted)
            return Fail(settings, log, "dbt_interrupted", "dbt build was interrupted before it finished: nothing was synced",
                "Run `retl build` again; models dbt had already built are synced by the next run (or by `retl sync`).");
        if (dbtExit is null) return RecordDbtFailure(settings, "dbt could not start: nothing was synced");

        var results = TryReadRunResults(resultsPath);
        var fresh = results is not null && results.InvocationId != previousInvocation;
        if (!fresh || dbtExit != 0 && !BuildSelection.BuiltAnything(results!))
            return Fail(settings, log, "dbt_failed", NothingBuiltMessage(settings, dbtExit.Value, fresh), "Fix the dbt error above; nothing was synced.");

        await using var runtime = await RuntimeProject.PrepareAsync(settings, Environment.GetEnvironmentVariable);
        var (built, skipped) = BuiltModels.Apply(runtime.Prepared, runtime.Project.Manifest, results);
        foreach (var outcome in skipped)
            log.Warn("sync_skipped", $"SKIP sync {outcome.Sync.Id}: {outcome.Errors[0].Message}",
                new { sync_id = outcome.Sync.Id, code = outcome.Errors[0].Code.Name(), reason = outcome.Errors[0].Message });
        if (dbtExit != 0)
            log.Warn("dbt_failures", $"dbt build exited with code {dbtExit}: syncing only the models it built and tested cleanly");

        var invocation = new SyncInvocation(Terminal, settings,
            runtime with { Prepared = built }, "build")
        { Extra = skipped };
        var exit = await invocation.ExecuteAsync(
            new EngineOptions { FullResync = settings.FullResync, MaxParallelSyncs = settings.Threads, StateSchema = settings.StateSchema }, cancellationToken);

        log.Info("build_finished", $"retl build finished with exit code {exit}", new { exit_code = exit, dbt_exit_code = dbtExit });
        return exit;
    }

    /// <summary>
    /// Runs dbt, streaming its lines: its exit code, null when it could not start (the error is already printed), and
    /// whether it was interrupted. While dbt runs, Ctrl-C and SIGTERM stop the build instead of killing retl: Ctrl-C
    /// reaches dbt from the terminal as well, so retl waits for dbt to stop; SIGTERM (an orchestrator stopping the
    /// task) is passed on to dbt as SIGINT. A second signal kills dbt. An interrupted build syncs nothing.
    /// </summary>
    private async Task<(int? Exit, bool Interrupted)> RunDbtAsync(Settings settings, RunLog log, CancellationToken cancellationToken)
    {
        var arguments = new DbtBuildArguments
        {
            ProjectDir = settings.FullProjectDir, ProfilesDir = settings.ProfilesDir, Target = settings.Target,
            TargetPath = settings.TargetPath, Select = settings.Select, Exclude = settings.Exclude, Selector = settings.Selector,
            PassThrough = passThrough,
        };
        var runner = new DbtRunner(settings.DbtExecutable);
        // Arguments after -- may hold secrets (--vars): they are counted, never printed.
        log.Info("dbt_started", $"Running {runner.Executable} {string.Join(' ', arguments.Derived())}"
            + (passThrough.Count > 0 ? $" (+ {passThrough.Count} argument(s) after --)" : ""),
            new { executable = runner.Executable, args = arguments.Derived(), extra_args = passThrough.Count });
        var output = new DbtOutputStream(Terminal, log);
        using var interrupt = new CancellationTokenSource();
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new StopSignals((signal, count) =>
        {
            if (count > 1)
            {
                log.Warn("dbt_killed", "Second interrupt: killing dbt");
                kill.Cancel();
                return;
            }
            var grace = $"it is killed in {settings.DbtStopTimeout} s if it has not stopped";
            log.Warn("dbt_interrupting", signal == PosixSignal.SIGTERM
                ? $"SIGTERM: asking dbt to stop (SIGINT); nothing will be synced. Send it again to kill dbt ({grace})."
                : $"Interrupted: waiting for dbt to stop; nothing will be synced. Press Ctrl-C again to kill dbt ({grace}).");
            if (signal == PosixSignal.SIGTERM) interrupt.Cancel();
            // dbt may stop while something it started (a shell's child, an adapter's helper) still holds its output
            // open; waiting on that would outlast any orchestrator's patience, so the wait is bounded.
            kill.CancelAfter(TimeSpan.FromSeconds(settings.DbtStopTimeout));
        });
        try
        {
            var exit = await runner.RunAsync(arguments.ToArgv(), output.Write, null, kill.Token, interrupt.Token);
            if (exit is not null)
                log.Info("dbt_finished", $"dbt build exited with code {exit}", new { exit_code = exit });
            return (exit, signals.Received > 0);
        }
        catch (DbtNotFoundException e)
        {
            Report(log, "dbt_not_found", e.Message, settings.DbtExecutable == DbtRunner.DefaultExecutable
                ? "Install dbt (pip install dbt-core dbt-<adapter>) so `dbt` is on PATH, or pass --dbt-executable /path/to/dbt."
                : "Check the path given to --dbt-executable and that the file is executable.");
            return (null, false);
        }
    }

    private static string NothingBuiltMessage(Settings settings, int dbtExit, bool fresh)
    {
        var results = LoadedProject.Display(settings, Path.Combine(settings.FullProjectDir, settings.TargetPath, "run_results.json"));
        if (dbtExit == 0)
            return $"dbt build exited 0 but did not write a new {results}: is dbt's target-path the same as retl's --target-path?";
        return fresh
            ? $"dbt build failed (exit code {dbtExit}) and built nothing: every node in {results} errored or was skipped"
            : $"dbt build failed (exit code {dbtExit}) before building anything: it wrote no new {results}";
    }

    private static RunResults? TryReadRunResults(string path)
    {
        if (!File.Exists(path)) return null;
        try { return RunResultsReader.Read(path); }
        catch (ArtifactException) { return null; }
    }

    private int Fail(Settings settings, RunLog log, string code, string message, string hint)
    {
        Report(log, code, message, hint);
        return RecordDbtFailure(settings, message);
    }

    private void Report(RunLog log, string code, string message, string hint)
    {
        if (log.Json) log.Error(code, message, new { hint });
        else Terminal.WriteError(message, hint);
    }

    /// <summary>
    /// dbt failed, so nothing was synced: every sync the selection takes gets a <c>dbt_failed</c> result (from the
    /// manifest on disk, which may be an earlier one), or the run one error when there is no manifest to read.
    /// </summary>
    private int RecordDbtFailure(Settings settings, string message)
    {
        IReadOnlyList<SyncOutcome> outcomes = [];
        string? dbtInvocation = null;
        try
        {
            var project = LoadedProject.Load(settings, Environment.GetEnvironmentVariable);
            dbtInvocation = project.Manifest.Metadata.InvocationId;
            outcomes = project.SelectedSyncs.Select(s => new SyncOutcome { Sync = s, Errors = [new SyncError(OutcomeCode.DbtFailed, message)] }).ToList();
        }
        catch (Exception e) when (e is ArtifactException or Definitions.ConfigException or Selection.SelectionException)
        {
            // No manifest (or selection) to name the syncs: the run's own error says what happened.
        }
        var path = RunRecord.Write(Terminal, settings, "build", dbtInvocation, 0, outcomes,
            outcomes.Count == 0 ? [new SyncError(OutcomeCode.DbtFailed, message)] : null);
        return RunRecord.ExitCode(OutcomeTable.ExitCode(outcomes, OutcomeCode.DbtFailed), path);
    }

    /// <summary>
    /// dbt's lines as they come: as printed in a terminal (dbt's colours kept), without control codes when redirected,
    /// or wrapped as <c>dbt_output</c> JSON log lines with <c>--log-format json</c>.
    /// </summary>
    private sealed class DbtOutputStream(Terminal terminal, RunLog log)
    {
        private readonly Lock gate = new();

        public void Write(DbtOutputLine line)
        {
            if (log.Json)
            {
                log.Info("dbt_output", line.PlainText, new { stream = line.Stream == DbtStream.Stdout ? "stdout" : "stderr", dbt = AsJson(line.PlainText) });
                return;
            }
            var console = line.Stream == DbtStream.Stdout ? terminal.Out : terminal.Error;
            var text = console.Profile.Capabilities.Ansi ? line.Text : line.PlainText;
            lock (gate) console.Profile.Out.Writer.Write(text + "\n");
        }

        /// <summary>dbt's own JSON log line (<c>dbt build --log-format json</c>), kept as an object rather than a string.</summary>
        private static JsonElement? AsJson(string text)
        {
            if (!text.StartsWith('{')) return null;
            try { return JsonDocument.Parse(text).RootElement.Clone(); }
            catch (JsonException) { return null; }
        }
    }
}
