using ReverseEtlDbt.Definitions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>A YAML mapping read for its scalar keys, with errors that say which file and where.</summary>
internal sealed class YamlMap(YamlMappingNode node, string file, string where)
{
    public string File { get; } = file;
    public string Where { get; } = where;

    public IEnumerable<string> Keys => node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    /// <summary>Reads the first document of <paramref name="file"/>; it must be a mapping.</summary>
    public static YamlMap Load(string file, string where)
    {
        YamlStream stream;
        try
        {
            stream = SafeYaml.LoadFile(file, file);
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{file} is not valid YAML (line {e.Start.Line}): {e.Message}");
        }

        return stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
            ? new YamlMap(root, file, where)
            : throw new ConfigException($"{file} must be a YAML mapping ({where})");
    }

    public string? Scalar(string key) =>
        Child(key) switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value is null or "~" or "null" && scalar.Style == ScalarStyle.Plain ? null : scalar.Value,
            _ => throw new ConfigException($"'{key}' in {Where} must be a single value ({File})"),
        };

    public YamlMap? Map(string key) =>
        Child(key) switch
        {
            null => null,
            YamlMappingNode map => new YamlMap(map, File, $"{Where}.{key}"),
            YamlScalarNode { Value: null or "" or "~" or "null" } => null,
            _ => throw new ConfigException($"'{key}' in {Where} must be a mapping ({File})"),
        };

    private YamlNode? Child(string key) =>
        node.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && k.Value == key).Value;
}
