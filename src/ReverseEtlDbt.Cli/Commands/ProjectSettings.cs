using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>Options shared by every command, named as dbt names them.</summary>
public class ProjectSettings : CommandSettings
{
    /// <summary>
    /// Whether a <c>--select</c> term or <c>--sync</c> pattern that matches nothing is an error (commands that run
    /// syncs: a typo would otherwise "succeed" without the sync) rather than an empty selection (listing, state).
    /// </summary>
    public virtual bool SelectionMustMatch => false;

    [CommandOption("--project-dir <DIR>")]
    [Description("The dbt project directory (holds dbt_project.yml and target/). Default: the current directory.")]
    public string ProjectDir { get; init; } = ".";

    [CommandOption("--target-path <DIR>")]
    [Description("Where dbt wrote its artifacts, relative to the project dir. Default: target.")]
    public string TargetPath { get; init; } = "target";

    [CommandOption("--profiles-dir <DIR>")]
    [Description("Directory of profiles.yml (else DBT_PROFILES_DIR, the project dir, ~/.dbt).")]
    public string? ProfilesDir { get; init; }

    [CommandOption("-t|--target <TARGET>")]
    [Description("The profiles.yml target to use. Default: the profile's target.")]
    public string? Target { get; init; }

    [CommandOption("--connections <FILE>")]
    [Description("The connections file. Default: RETL_CONNECTIONS, else retl_connections.yml in the project dir.")]
    public string? Connections { get; init; }

    [CommandOption("-s|--select <SELECTOR>")]
    [Description("dbt node selection of the synced models (repeatable; space separated terms are a union).")]
    public string[] Select { get; init; } = [];

    [CommandOption("--exclude <SELECTOR>")]
    [Description("dbt node selection of models to leave out.")]
    public string[] Exclude { get; init; } = [];

    [CommandOption("--selector <NAME>")]
    [Description("A named selector from selectors.yml.")]
    public string? Selector { get; init; }

    [CommandOption("--sync <ID>")]
    [Description("Only these syncs, by id (repeatable; * wildcards), after --select/--exclude.")]
    public string[] Sync { get; init; } = [];

    [CommandOption("--state-schema <SCHEMA>")]
    [Description("Schema of the sync-state ledger in the warehouse (default: $RETL_STATE_SCHEMA, else retl_state).")]
    public string? StateSchemaOption { get; init; }

    /// <summary>The ledger's schema: <c>--state-schema</c>, else <c>RETL_STATE_SCHEMA</c>, else <c>retl_state</c>.</summary>
    public string StateSchema =>
        StateSchemaOption ?? (Environment.GetEnvironmentVariable("RETL_STATE_SCHEMA") is { Length: > 0 } fromEnv ? fromEnv : ReverseEtlDbt.State.LedgerSchema.DefaultName);

    [CommandOption("--log-format <FORMAT>")]
    [Description("text (default) or json: one JSON object per line.")]
    public string LogFormat { get; init; } = "text";

    public string FullProjectDir => Path.GetFullPath(ProjectDir);

    public string ManifestPath => Path.Combine(FullProjectDir, TargetPath, "manifest.json");

    public override ValidationResult Validate()
    {
        if (!Directory.Exists(FullProjectDir))
            return ValidationResult.Error($"Project dir not found: {ProjectDir}. Pass --project-dir pointing at your dbt project.");
        if (LogFormat is not ("text" or "json"))
            return ValidationResult.Error($"--log-format must be text or json, got '{LogFormat}'");
        return ValidationResult.Success();
    }
}
