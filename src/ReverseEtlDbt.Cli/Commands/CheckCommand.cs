using System.ComponentModel;
using ReverseEtlDbt.Checks;
using ReverseEtlDbt.Checks.Formatters;
using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Engine.Outcomes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary><c>retl check</c>: static contract and governance checks from the manifest alone (CI, pull requests).</summary>
public sealed class CheckCommand(Terminal terminal) : RetlCommand<CheckCommand.Settings>(terminal)
{
    public sealed class Settings : ProjectSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("text (default), github (Actions annotations), junit (XML) or json.")]
        public string Format { get; init; } = "text";

        [CommandOption("--output <FILE>")]
        [Description("Write the report to a file instead of stdout (e.g. a JUnit XML for the CI's test report).")]
        public string? Output { get; init; }

        public override ValidationResult Validate() =>
            Format is "text" or "github" or "junit" or "json"
                ? base.Validate()
                : ValidationResult.Error($"--format must be text, github, junit or json, got '{Format}'");
    }

    protected override int Run(Settings settings, CancellationToken cancellationToken)
    {
        var report = LoadedProject.Load(settings, Environment.GetEnvironmentVariable).Prepare().Report;
        var text = settings.Format switch
        {
            "github" => GitHubCheckFormatter.Render(report, PathFromWorkingDir(settings)),
            "junit" => JUnitCheckFormatter.Render(report),
            "json" => JsonCheckFormatter.Render(report),
            _ => null,
        };
        if (settings.Output is { } file) File.WriteAllText(file, text ?? TextCheckFormatter.Render(report));
        else if (text is null) Terminal.WriteLines(TextCheckFormatter.Format(report));
        else Terminal.WriteRaw(text);
        return OutcomeTable.ExitCode([], report.Passed ? [] : [OutcomeCode.CheckFailed]);
    }

    // Annotations need paths from the repository root; the working directory is the checkout in CI.
    private static string PathFromWorkingDir(ProjectSettings settings) =>
        Path.GetRelativePath(Environment.CurrentDirectory, settings.FullProjectDir).Replace('\\', '/');
}
