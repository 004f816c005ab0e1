using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>Options of the commands that push rows (<c>sync</c>, <c>build</c>).</summary>
public class SyncRunSettings : ProjectSettings
{
    public override bool SelectionMustMatch => true;

    [CommandOption("--full-resync")]
    [Description("Send every row again, as if nothing had been synced (state is rewritten as rows are acknowledged).")]
    public bool FullResync { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Syncs run at once (default 4). Syncs sharing a connection also share its rate limit.")]
    public int Threads { get; init; } = 4;

    [CommandOption("--format <FORMAT>")]
    [Description("The end-of-run summary: text (default table), github (Actions annotations, and a table in the job summary), junit (XML on stdout, no log lines) or json (sync_results.json on stdout, no log lines).")]
    public string Format { get; init; } = "text";

    public override ValidationResult Validate()
    {
        if (Threads < 1) return ValidationResult.Error($"--threads must be at least 1, got {Threads}");
        if (Format is not ("text" or "github" or "junit" or "json"))
            return ValidationResult.Error($"--format must be text, github, junit or json, got '{Format}'");
        return base.Validate();
    }
}
