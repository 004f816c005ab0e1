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

        [CommandOption("--snowflake-public-key <FILE>")]
        [Description("PEM public key (SubjectPublicKeyInfo) of the Snowflake emulator's user: key-pair JWTs are verified against it (default: any JWT is accepted).")]
        public string? SnowflakePublicKey { get; init; }

        [CommandOption("--snowflake-load <DUCKDB_FILE>")]
        [Description("Copies the tables of a DuckDB file into the Snowflake emulator at start (retl_example.duckdb's main.customer_health is RETL_EXAMPLE.MAIN.CUSTOMER_HEALTH). Repeatable.")]
        public string[] SnowflakeLoad { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new StopSignals((_, _) => stop.Cancel());
        try
        {
            var options = new EmulatorOptions();
            if (settings.SnowflakePublicKey is { } key) options.Snowflake.PublicKeyPem = await File.ReadAllTextAsync(key, stop.Token);
            options.Snowflake.DuckDbFiles = settings.SnowflakeLoad;
            await EmulatorHost.RunUntilCancelledAsync(settings.Port, options, terminal.Out.Profile.Out.Writer, stop.Token);
            return ExitCodes.Success;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Cannot load", StringComparison.Ordinal))
        {
            terminal.WriteError(e.Message, "Pass a DuckDB file that exists and that no other process is writing.");
            return ExitCodes.ConfigError;
        }
        catch (FileNotFoundException e) when (settings.SnowflakePublicKey is not null)
        {
            terminal.WriteError($"Cannot read the Snowflake public key: {e.Message}", "Pass a PEM public key file to --snowflake-public-key.");
            return ExitCodes.ConfigError;
        }
        catch (IOException e)
        {
            terminal.WriteError($"Cannot serve the emulators on 127.0.0.1:{settings.Port}: {e.Message}", "Pass another --port (0 picks a free one).");
            return ExitCodes.ConfigError;
        }
    }
}
