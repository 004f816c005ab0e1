using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>
/// Chooses the warehouse connection as dbt does: <c>profile:</c> from <c>dbt_project.yml</c>, that profile in
/// <c>profiles.yml</c> (see <see cref="ProfilesFileLocator"/>), and <c>--target</c> or the profile's <c>target:</c>.
/// Problems throw <see cref="ConfigException"/> naming the file and what is missing; passwords never appear.
/// </summary>
public static class ProfileLoader
{
    /// <summary>dbt's target name when a profile has no <c>target:</c> key.</summary>
    public const string DefaultTargetName = "default";

    public static WarehouseProfile Load(ProfileRequest request)
    {
        var profileName = request.Profile ?? NonEmpty(request.Environment("DBT_PROFILE")) ?? ReadProfileName(request.ProjectDir);
        var file = ProfilesFileLocator.Locate(request);
        var profiles = YamlMap.Load(file, "profiles");

        // dbt reserves the top-level `config:` key for global settings; it is not a profile.
        var available = profiles.Keys.Where(k => k != "config").ToList();
        var profile = available.Contains(profileName) ? profiles.Map(profileName) : null;
        if (profile is null)
            throw new ConfigException(
                $"Could not find profile named '{profileName}' in {file}. Available profiles: {List(available)}",
                $"Add a '{profileName}:' profile to {file}, or change 'profile:' in dbt_project.yml.");

        var targetName = request.Target
            ?? NonEmpty(request.Environment("DBT_TARGET"))
            ?? Render(profile.Scalar("target"), request, $"profile '{profileName}' key 'target' in {file}")
            ?? DefaultTargetName;
        var outputs = profile.Map("outputs")
            ?? throw new ConfigException($"Profile '{profileName}' in {file} has no 'outputs:' mapping");
        var output = outputs.Keys.Contains(targetName) ? outputs.Map(targetName) : null;
        if (output is null)
            throw new ConfigException(
                $"The profile '{profileName}' does not have a target named '{targetName}' in {file}. " +
                $"The valid target names for this profile are: {List(outputs.Keys)}",
                "Pass --target with one of those names, or fix 'target:' in the profile.");

        var target = ProfileTargetParser.Parse(output, request, profileName, targetName);
        return new WarehouseProfile(file, profileName, targetName, target);
    }

    private static string ReadProfileName(string projectDir)
    {
        var file = Path.Combine(Path.GetFullPath(projectDir), "dbt_project.yml");
        if (!File.Exists(file))
            throw new ConfigException($"No dbt_project.yml found at {file}", "Pass --project-dir pointing at your dbt project.");
        return YamlMap.Load(file, "dbt_project").Scalar("profile") is { Length: > 0 } name
            ? name
            : throw new ConfigException($"{file} has no 'profile:' key, so there is no profile to connect with");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static string? Render(string? value, ProfileRequest request, string where) =>
        value is null ? null : EnvVarTemplate.Render(StripFilters(value), request.Environment, where);

    // Profiles write `{{ env_var('PORT') | as_number }}`; the value is rendered as text and typed by the parser.
    private static string StripFilters(string value) =>
        System.Text.RegularExpressions.Regex.Replace(
            value, @"\)\s*\|\s*(?:as_number|as_text|as_native|as_bool|int|string)\s*\}\}", ") }}");

    private static string List(IEnumerable<string> names) =>
        names.Any() ? string.Join(", ", names.Select(n => $"'{n}'")) : "(none)";
}
