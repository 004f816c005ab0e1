using System.ComponentModel;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Emulators;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// <c>retl emulators</c> (hidden): serves every local destination emulator the build has on 127.0.0.1 until stopped,
/// for the example project and for trying syncs without credentials.
/// </summary>
public sealed class EmulatorsCommand(Terminal terminal) : AsyncCommand<EmulatorsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--port <PORT>")]
        [Description("Port on 127.0.0.1 (default 4010; 0 picks a free one).")]
        public int Port { get; init; } = 4010;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new StopSignals((_, _) => stop.Cancel());
        try
        {
            await EmulatorHost.RunUntilCancelledAsync(settings.Port, null, terminal.Out.Profile.Out.Writer, stop.Token);
            return ExitCodes.Success;
        }
        catch (IOException e)
        {
            terminal.WriteError($"Cannot serve the emulators on 127.0.0.1:{settings.Port}: {e.Message}", "Pass another --port (0 picks a free one).");
            return ExitCodes.ConfigError;
        }
    }
}
