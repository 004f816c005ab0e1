using ReverseEtlDbt.Cli.Commands;
using ReverseEtlDbt.Cli.Rendering;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli;

/// <summary>The <c>retl</c> command line: one class per verb under Commands/.</summary>
public static class RetlApp
{
    public static Task<int> RunAsync(string[] args, Terminal? terminal = null)
    {
        var console = terminal ?? new Terminal();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.Settings.Registrar.RegisterInstance(console);
            config.Settings.Console = console.Error;
            // Usage errors (unknown option, failed validation) are config errors: exit 2, never a stack trace.
            config.SetExceptionHandler((exception, _) =>
            {
                console.WriteError(exception.Message);
                return ExitCodes.ConfigError;
            });
            config.SetApplicationName("retl");
            config.UseStrictParsing();
            config.SetApplicationVersion(typeof(RetlApp).Assembly.GetName().Version?.ToString(3) ?? "0.1.0");
            config.AddCommand<LsCommand>("ls").WithDescription("List the syncs declared in the dbt manifest.");
            config.AddCommand<CheckCommand>("check").WithDescription("Static contract and governance checks (no warehouse, no network).");
            config.AddCommand<PlanCommand>("plan").WithDescription("Contract guard and diff per sync: counts and masked sample rows; reads the warehouse, sends nothing.");
            config.AddCommand<SyncCommand>("sync").WithDescription("Guard, diff and push the selected syncs; commit state per acknowledged batch.");
            config.AddCommand<BuildCommand>("build").WithDescription("Run dbt build, then sync only the models it built whose tests passed.");
            config.AddBranch("state", state =>
            {
                state.SetDescription("Inspect or reset the sync state ledger in the warehouse.");
                state.AddCommand<StateShowCommand>("show").WithDescription("Rows in state, last run and pending rejected rows per sync.");
                state.AddCommand<StateRejectedCommand>("rejected").WithDescription("Rows a destination refused that wait for the next run, with its reasons.");
                state.AddCommand<StateResetCommand>("reset").WithDescription("Forget one sync's state so its next run sends every row.");
            });
            config.AddCommand<EmulatorsCommand>("emulators").IsHidden().WithDescription("Serve the local destination emulators (example, tests).");
        });
        return app.RunAsync(args);
    }
}
