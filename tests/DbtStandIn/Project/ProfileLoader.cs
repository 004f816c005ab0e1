using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DbtStandIn.Cli;

namespace DbtStandIn.Project;

/// <summary>
/// Finds profiles.yml like dbt (<c>--profiles-dir</c>, <c>DBT_PROFILES_DIR</c>, project dir, working dir, <c>~/.dbt</c>)
/// and picks the target. Relative DuckDB paths are taken relative to the project dir.
/// </summary>
public static partial class ProfileLoader
{
    [GeneratedRegex("""\{\{\s*env_var\(\s*['"](?<name>[^'"]+)['"]\s*(?:,\s*['"](?<default>[^'"]*)['"]\s*)?\)\s*\}\}""")]
    private static partial Regex EnvVarCall();

    public static ProfileTarget Load(StandInArguments arguments, string projectDir, string profileName)
    {
        var file = Candidates(arguments, projectDir).Select(d => Path.Combine(d, "profiles.yml")).FirstOrDefault(File.Exists)
            ?? throw new UsageException($"Runtime Error\n  Could not find profile named '{profileName}': no profiles.yml found.");
        var profile = YamlJson.Load(file)[profileName] as JsonObject
            ?? throw new UsageException($"Runtime Error\n  Could not find profile named '{profileName}' in {file}.");
        var targetName = arguments.Target ?? Render(profile["target"]?.ToString() ?? "dev");
        var output = profile["outputs"]?[targetName] as JsonObject
            ?? throw new UsageException($"Runtime Error\n  The profile '{profileName}' does not have a target named '{targetName}'.");
        var type = Render(output["type"]?.ToString() ?? "");
        if (type != "duckdb")
            throw new UsageException($"Runtime Error\n  dbt-standin only runs duckdb targets; target '{targetName}' is of type '{type}'.");
        var path = Render(output["path"]?.ToString() ?? ":memory:");
        return new ProfileTarget(targetName, type, Render(output["schema"]?.ToString() ?? "main"),
            path == ":memory:" ? path : Path.GetFullPath(Path.Combine(projectDir, path)));
    }

    /// <summary>Renders <c>{{ env_var('NAME', 'default') }}</c>; an unset variable without default is an error, as in dbt.</summary>
    public static string Render(string value) => EnvVarCall().Replace(value, m =>
        Environment.GetEnvironmentVariable(m.Groups["name"].Value)
        ?? (m.Groups["default"].Success ? m.Groups["default"].Value
            : throw new UsageException($"Parsing Error\n  Env var required but not provided: '{m.Groups["name"].Value}'")));

    private static IEnumerable<string> Candidates(StandInArguments arguments, string projectDir)
    {
        if (arguments.ProfilesDir is not null)
        {
            yield return Path.GetFullPath(arguments.ProfilesDir);
            yield break;
        }
        yield return projectDir;
        yield return Directory.GetCurrentDirectory();
        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dbt");
    }
}
