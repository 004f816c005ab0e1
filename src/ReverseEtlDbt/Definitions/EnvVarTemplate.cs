using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Definitions;

/// <summary>
/// Renders <c>{{ env_var('NAME') }}</c> and <c>{{ env_var('NAME', 'default') }}</c> as dbt's profiles.yml does.
/// Rendering is lazy (at the moment a value is used), so <c>retl ls</c> and <c>retl check</c> work with env vars unset.
/// </summary>
public static partial class EnvVarTemplate
{
    [GeneratedRegex("""\{\{\s*env_var\(\s*(?<q>['"])(?<name>[^'"]+)\k<q>\s*(?:,\s*(?<dq>['"])(?<default>.*?)\k<dq>\s*)?\)\s*\}\}""")]
    private static partial Regex EnvVarCall();

    /// <summary>Names of the env vars a value refers to.</summary>
    public static IEnumerable<string> Names(string template) =>
        EnvVarCall().Matches(template).Select(m => m.Groups["name"].Value);

    public static bool HasTemplate(string value) => EnvVarCall().IsMatch(value);

    /// <summary>Renders the template; <paramref name="where"/> names the value in the error for an unset variable.</summary>
    public static string Render(string template, Func<string, string?> environment, string where) =>
        EnvVarCall().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            var value = environment(name);
            if (value is not null) return value;
            if (m.Groups["default"].Success) return m.Groups["default"].Value;
            throw new ConfigException(
                $"Env var required but not provided: '{name}' (used by {where})",
                $"Set {name} in the environment, or give a default: {{{{ env_var('{name}', '...') }}}}");
        });
}
