using System.ComponentModel;
using CliWrap;

namespace ReverseEtlDbt.Dbt;

/// <summary>
/// Runs the dbt command line as a child process (CliWrap), streaming every line of stdout and stderr to a callback
/// as it is printed, so a long <c>dbt build</c> shows its progress live. A non-zero exit is a result, not an exception.
/// </summary>
public sealed class DbtRunner(string executable)
{
    /// <summary>The executable used when none is given: <c>dbt</c>, found on PATH.</summary>
    public const string DefaultExecutable = "dbt";

    public string Executable { get; } = executable;

    /// <summary>
    /// Runs <c>&lt;executable&gt; &lt;arguments&gt;</c> in <paramref name="workingDirectory"/> (default: the current
    /// directory) and returns its exit code. <paramref name="onLine"/> may be called from two threads at once.
    /// </summary>
    /// <param name="interrupt">Asks dbt to stop as Ctrl-C would (SIGINT), so it cancels its queries and exits on its own.</param>
    /// <param name="kill">Kills dbt at once.</param>
    /// <returns>dbt's exit code, or null when <paramref name="interrupt"/> or <paramref name="kill"/> ended it.</returns>
    /// <exception cref="DbtNotFoundException">The executable could not be started.</exception>
    public async Task<int?> RunAsync(IReadOnlyList<string> arguments, Action<DbtOutputLine> onLine, string? workingDirectory,
        CancellationToken kill, CancellationToken interrupt = default)
    {
        var command = Cli.Wrap(Executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory ?? Directory.GetCurrentDirectory())
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => onLine(new DbtOutputLine(DbtStream.Stdout, line))))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => onLine(new DbtOutputLine(DbtStream.Stderr, line))));
        try
        {
            var result = await command.ExecuteAsync(kill, interrupt).ConfigureAwait(false);
            return result.ExitCode;
        }
        catch (OperationCanceledException) when (kill.IsCancellationRequested || interrupt.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is Win32Exception || e.InnerException is Win32Exception)
        {
            throw new DbtNotFoundException(Executable, e.InnerException ?? e);
        }
    }
}
