using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Definitions;
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
            return Fail(settings, "artifact_error", e.Message, null);
        }
        catch (ReverseEtlDbt.Selection.SelectionException e)
        {
            return Fail(settings, "selection_error", e.Message, null);
        }
        catch (ConfigException e)
        {
            return Fail(settings, "config_error", e.Message, e.Hint);
        }
    }

    /// <summary>A user's mistake: a dbt-style message (or one JSON log line with <c>--log-format json</c>) and exit 2.</summary>
    private int Fail(TSettings settings, string code, string message, string? hint)
    {
        if (settings.LogFormat == "json")
            new RunLog(Terminal, json: true, TimeProvider.System).Error(code, message, new { hint });
        else
            Terminal.WriteError(message, hint);
        return ExitCodes.ConfigError;
    }

    protected virtual Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult(Run(settings, cancellationToken));

    protected virtual int Run(TSettings settings, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} must override Run or RunAsync");
}
