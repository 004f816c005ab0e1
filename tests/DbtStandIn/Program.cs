using DbtStandIn.Build;
using DbtStandIn.Cli;
using DbtStandIn.Manifest;
using DbtStandIn.Project;

namespace DbtStandIn;

/// <summary>
/// Entry point. Exit codes follow dbt: 0 success, 1 a model or test failed, 2 the run could not start
/// (bad arguments, missing project, unreadable YAML, the <c>DBT_STANDIN_EXIT=2</c> switch).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgsLog.Append(args);
        var log = new BuildLog(Console.Out);
        if (args.Contains("--version"))
        {
            Console.WriteLine($"Core:\n  - installed: {ManifestWriter.DbtVersion}\n\nPlugins:\n  - duckdb: {ManifestWriter.DbtVersion} (dbt-standin)");
            return 0;
        }
        try
        {
            var arguments = StandInArguments.Parse(args);
            if (Environment.GetEnvironmentVariable("DBT_STANDIN_EXIT") == "2")
                throw new UsageException("Runtime Error\n  DBT_STANDIN_EXIT=2: the stand-in was told to crash before building anything.");
            return Run(arguments, log);
        }
        catch (UsageException e)
        {
            log.Line("Encountered an error:");
            log.Line(e.Message);
            return 2;
        }
    }

    private static int Run(StandInArguments arguments, BuildLog log)
    {
        var context = RunContext.Create(arguments.Deterministic);
        log.Line($"Running with dbt={ManifestWriter.DbtVersion} (dbt-standin)");
        var project = ProjectLoader.Load(arguments);
        log.Line($"Found {project.Models.Count} models, {project.Seeds.Count} seeds, {project.Tests.Count} data tests");
        var targetDir = arguments.ResolveTargetPath(project.ProjectDir);
        Directory.CreateDirectory(targetDir);
        var writer = new ManifestWriter(project, context);
        writer.Write(Path.Combine(targetDir, "manifest.json"), compiled: null);
        if (arguments.Command == "parse") return 0;

        if (PauseWasInterrupted(log)) return 130;
        var runner = new BuildRunner(project, arguments, context, log);
        var outcome = runner.Run();
        writer.Write(Path.Combine(targetDir, "manifest.json"), outcome.CompiledCode);
        RunResultsWriter.Write(Path.Combine(targetDir, "run_results.json"), outcome, arguments, context);
        return outcome.HasFailures ? 1 : 0;
    }

    /// <summary>
    /// <c>DBT_STANDIN_HANG_SECONDS=N</c>: waits N seconds before building, as a long dbt run would. SIGINT (Ctrl-C)
    /// during the wait stops the stand-in as it stops dbt: a "Cancelling" line, nothing built, exit code 130.
    /// </summary>
    private static bool PauseWasInterrupted(BuildLog log)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("DBT_STANDIN_HANG_SECONDS"), out var seconds) || seconds <= 0) return false;
        using var interrupted = new ManualResetEventSlim();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupted.Set();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            log.Line($"Waiting {seconds} s before building (DBT_STANDIN_HANG_SECONDS)");
            if (!interrupted.Wait(TimeSpan.FromSeconds(seconds))) return false;
            log.Line("Cancelling: received SIGINT, nothing was built");
            return true;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
