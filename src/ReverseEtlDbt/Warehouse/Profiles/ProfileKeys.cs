using System.Globalization;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>
/// Reads the keys of one <c>outputs.&lt;target&gt;</c> mapping, rendering <c>env_var()</c>; every error names the
/// profile, the target, the key and the file. Shared by the adapter parsers.
/// </summary>
internal sealed class ProfileKeys(YamlMap output, ProfileRequest request, string profileName, string targetName)
{
    public YamlMap Output => output;
    public ProfileRequest Request => request;
    public string ProfileName => profileName;
    public string TargetName => targetName;

    /// <summary>The key's rendered value; null when absent or empty.</summary>
    public string? Optional(string key) =>
        ProfileLoader.Render(output.Scalar(key), request, Where(key)) is { Length: > 0 } value ? value : null;

    public string Require(string key) =>
        Optional(key) ?? throw new ConfigException(
            $"Credentials in profile '{profileName}', target '{targetName}' invalid: '{key}' is a required property ({output.File})",
            $"Add '{key}:' under outputs.{targetName} of profile '{profileName}'.");

    public int? Int(string key) =>
        Optional(key) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ConfigException($"{Where(key)} must be a whole number, got '{text}'");

    public bool? Bool(string key) =>
        Optional(key) is not { } text ? null
        : bool.TryParse(text, out var b) ? b
        : throw new ConfigException($"{Where(key)} must be true or false, got '{text}'");

    public string Where(string key) => $"profile '{profileName}' target '{targetName}' key '{key}' in {output.File}";
}
