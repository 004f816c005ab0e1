using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Results;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// <c>target/sync_results.json</c> for <c>plan</c>, <c>sync</c> and <c>build</c>, rewritten by every run whatever went
/// wrong (DESIGN §3 rule 9), so an earlier run's file is never read as this one's. A file that cannot be written is
/// said on stderr and makes the run exit at least 1.
/// </summary>
public static class RunRecord
{
    public static string Version => typeof(RunRecord).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <returns>The path written, or null when it could not be (already reported).</returns>
    public static string? Write(Terminal terminal, ProjectSettings settings, string command, string? dbtInvocationId, double elapsed,
        IReadOnlyList<SyncOutcome> outcomes, IReadOnlyList<SyncError>? runErrors = null)
    {
        var target = Path.Combine(settings.FullProjectDir, settings.TargetPath);
        try
        {
            return SyncResults.Write(target, new SyncResultsMetadata(Version, TimeProvider.System.GetUtcNow(), Guid.NewGuid().ToString(), dbtInvocationId),
                command, elapsed, outcomes, runErrors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.WriteError($"Could not write {LoadedProject.Display(settings, Path.Combine(target, SyncResults.FileName))}: {e.Message}",
                "Make the target path writable (or pass --target-path); this run's results are only in the output above.");
            return null;
        }
    }

    /// <summary>The exit code once the record is written: a run whose record could not be written exits at least 1.</summary>
    public static int ExitCode(int exitCode, string? path) => path is null ? Math.Max(exitCode, ExitCodes.Partial) : exitCode;
}
