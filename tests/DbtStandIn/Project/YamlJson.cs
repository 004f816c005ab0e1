using System.Globalization;
using System.Text.Json.Nodes;
using DbtStandIn.Cli;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DbtStandIn.Project;

/// <summary>
/// Reads a YAML file into a JSON tree, typing plain scalars as PyYAML does for dbt
/// (<c>true</c> is a boolean, <c>42</c> a number, <c>~</c> null; quoted scalars stay strings).
/// </summary>
public static class YamlJson
{
    public static JsonObject Load(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new UsageException($"Parsing Error\n  Could not read YAML {path}: {e.Message}");
        }
        if (stream.Documents.Count == 0) return [];
        return Convert(stream.Documents[0].RootNode) as JsonObject
            ?? throw new UsageException($"Parsing Error\n  {path} must hold a mapping at its top level.");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => null,
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
            result[((YamlScalarNode)key).Value ?? ""] = Convert(value);
        return result;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (text.Any(char.IsDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }
}
