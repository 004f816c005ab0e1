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
            Terminal.WriteError(e.Message);
            return ExitCodes.ConfigError;
        }
        catch (ReverseEtlDbt.Selection.SelectionException e)
        {
            Terminal.WriteError(e.Message);
            return ExitCodes.ConfigError;
        }
        catch (ConfigException e)
        {
            Terminal.WriteError(e.Message, e.Hint);
            return ExitCodes.ConfigError;
        }
    }

    protected virtual Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult(Run(settings, cancellationToken));

    protected virtual int Run(TSettings settings, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} must override Run or RunAsync");
}
