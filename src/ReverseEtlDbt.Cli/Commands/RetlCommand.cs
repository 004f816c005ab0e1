using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// Base of every command: turns the errors users can cause (missing artifacts, bad config) into a clear message
/// and exit code 2 instead of a stack trace.
/// </summary>
public abstract class RetlCommand<TSettings>(Terminal terminal) : AsyncCommand<TSettings> where TSettings : ProjectSettings
{
    protected Terminal Terminal { get; } = terminal;

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(settings, cancellationToken);
        }
        catch (ArtifactException e)
        {
            return Fail(settings, OutcomeCode.ArtifactError, e.Message, null);
        }
        catch (ReverseEtlDbt.Selection.SelectionException e)
        {
            return Fail(settings, OutcomeCode.SelectionError, e.Message, null);
        }
        catch (ConfigException e)
        {
            return Fail(settings, OutcomeCode.ConfigError, e.Message, e.Hint);
        }
        catch (ReverseEtlDbt.Warehouse.WarehouseUnreachableException e)
        {
            return Fail(settings, OutcomeCode.WarehouseError, e.Message, e.Hint);
        }
    }

    /// <summary>The command named in <c>sync_results.json</c>, for commands that leave a record of every run (plan, sync, build).</summary>
    protected virtual string? RecordedCommand => null;

    /// <summary>
    /// A user's mistake before any sync was decided: a dbt-style message (or one JSON log line with
    /// <c>--log-format json</c>), a fresh <c>sync_results.json</c> holding the error for the commands that keep one, and exit 2.
    /// </summary>
    private int Fail(TSettings settings, OutcomeCode code, string message, string? hint)
    {
        if (settings.LogFormat == "json")
            new RunLog(Terminal, json: true, TimeProvider.System).Error(code.Name(), message, new { hint });
        else
            Terminal.WriteError(message, hint);
        var path = RecordedCommand is { } command
            ? RunRecord.Write(Terminal, settings, command, null, 0, [], [new SyncError(code, message + (hint is null ? "" : $". Hint: {hint}"))])
            : "";
        return RunRecord.ExitCode(OutcomeTable.ExitCode([], code), path);
    }

    protected virtual Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult(Run(settings, cancellationToken));

    protected virtual int Run(TSettings settings, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} must override Run or RunAsync");
}
