using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>Options of the commands that list things (<c>ls</c>, <c>state show</c>): a table, or JSON for scripts.</summary>
public class ListingSettings : ProjectSettings
{
    [CommandOption("-o|--output <FORMAT>")]
    [Description("table (default) or json.")]
    public string Output { get; init; } = "table";

    public override ValidationResult Validate() =>
        Output is "table" or "json" ? base.Validate() : ValidationResult.Error($"--output must be table or json, got '{Output}'");
}
