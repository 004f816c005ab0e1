using System.ComponentModel;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.State;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// <c>retl state reset --sync ID</c>: forgets what one sync has synced (its rows in state, config fingerprint and
/// rejected rows; run history stays), so its next run sends every row again. Asks first in a terminal; elsewhere
/// it needs <c>--yes</c>.
/// </summary>
public sealed class StateResetCommand(Terminal terminal) : RetlCommand<StateResetCommand.Settings>(terminal)
{
    public sealed class Settings : ProjectSettings
    {
        [CommandOption("-y|--yes")]
        [Description("Reset without asking (required when not in a terminal).")]
        public bool Yes { get; init; }

        public override ValidationResult Validate() =>
            Sync.Length != 1 || Sync[0].Contains('*', StringComparison.Ordinal) || Sync[0].Contains('?', StringComparison.Ordinal)
                ? ValidationResult.Error("state reset takes exactly one --sync ID (no wildcards); see `retl state show` for the ids")
                : base.Validate();
    }

    protected override async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var syncId = settings.Sync[0];
        await using var runtime = await RuntimeProject.PrepareAsync(settings, Environment.GetEnvironmentVariable);
        var declared = runtime.Project.Catalog.Definitions.SelectMany(d => d.Destinations).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        await using var warehouse = await runtime.OpenWarehouse(cancellationToken);
        var inLedger = (await new StateLedgerReader(warehouse, settings.StateSchema).ReadAsync(declared, cancellationToken)).Select(l => l.SyncId);
        var known = declared.Concat(inLedger).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!known.Contains(syncId, StringComparer.Ordinal))
        {
            Terminal.WriteError($"Unknown sync '{syncId}'. Known syncs: {(known.Count == 0 ? "none" : string.Join(", ", known))}",
                "Sync ids are <model>__<connection>__<object> unless the YAML sets id:; `retl ls` lists them.");
            return ExitCodes.ConfigError;
        }
        if (!settings.Yes)
        {
            if (!Terminal.Interactive)
            {
                Terminal.WriteError($"Refusing to reset '{syncId}' without confirmation: pass --yes when not running in a terminal.");
                return ExitCodes.ConfigError;
            }
            var question = $"Forget the state of [bold]{Markup.Escape(syncId)}[/]? Its next run re-sends every row.";
            if (!await new ConfirmationPrompt(question) { DefaultValue = false }.ShowAsync(Terminal.Out, cancellationToken))
            {
                Terminal.Out.MarkupLine("Nothing reset.");
                return ExitCodes.Success;
            }
        }
        await (await StateLedger.OpenAsync(warehouse, settings.StateSchema, TimeProvider.System, cancellationToken)).ResetAsync(syncId, cancellationToken);
        Terminal.Out.MarkupLine($"Reset [bold]{Markup.Escape(syncId)}[/]: its next run sends every row again.");
        return ExitCodes.Success;
    }
}
