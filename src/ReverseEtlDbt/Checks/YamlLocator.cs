using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ReverseEtlDbt.Checks;

/// <summary>
/// Finds the line of a model's key in its YAML file (for GitHub annotations and editors): walks
/// <c>models[name=…]</c> then the key path; falls back to the deepest key found. Files that cannot be read give no line.
/// </summary>
public sealed partial class YamlLocator(string projectDir)
{
    private readonly Dictionary<string, YamlMappingNode?> documents = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<key>[^\[\]]+)(\[(?<index>\d+)\])?$")]
    private static partial Regex Segment();

    public int? Find(string file, string model, string? keyPath)
    {
        if (Root(file) is not { } root) return null;
        var node = FindModel(root, model);
        if (node is null) return null;
        var line = (int)node.Start.Line;
        if (keyPath is null) return line;
        foreach (var path in Alternatives(keyPath))
        {
            var (found, depth) = Walk(node, path);
            if (depth == path.Length) return found;
            line = Math.Max(line, found);
        }
        return line;
    }

    private static IEnumerable<string[]> Alternatives(string keyPath)
    {
        // dbt mirrors meta into config.meta: the YAML may hold either spelling.
        yield return keyPath.Split('.');
        if (keyPath.StartsWith("config.meta.", StringComparison.Ordinal)) yield return keyPath["config.".Length..].Split('.');
        else if (keyPath.StartsWith("meta.", StringComparison.Ordinal)) yield return ("config." + keyPath).Split('.');
    }

    private static (int Line, int Depth) Walk(YamlNode start, string[] path)
    {
        var node = start;
        var line = (int)start.Start.Line;
        for (var depth = 0; depth < path.Length; depth++)
        {
            var match = Segment().Match(path[depth]);
            if (!match.Success || node is not YamlMappingNode mapping) return (line, depth);
            var entry = mapping.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: var k } && k == match.Groups["key"].Value);
            if (entry.Key is null) return (line, depth);
            line = (int)entry.Key.Start.Line;
            node = entry.Value;
            if (match.Groups["index"].Success)
            {
                var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (node is not YamlSequenceNode list || index >= list.Children.Count) return (line, depth);
                node = list.Children[index];
                line = (int)node.Start.Line;
            }
        }
        return (line, path.Length);
    }

    private static YamlMappingNode? FindModel(YamlMappingNode root, string model) =>
        root.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "models" }).Value is YamlSequenceNode models
            ? models.Children.OfType<YamlMappingNode>().FirstOrDefault(m =>
                m.Children.Any(kv => kv.Key is YamlScalarNode { Value: "name" } && kv.Value is YamlScalarNode { Value: var n } && n == model))
            : null;

    private YamlMappingNode? Root(string file)
    {
        if (documents.TryGetValue(file, out var cached)) return cached;
        YamlMappingNode? root = null;
        try
        {
            var path = Path.Combine(projectDir, file);
            if (File.Exists(path))
            {
                var stream = new YamlStream();
                using var reader = new StreamReader(path);
                stream.Load(reader);
                root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
            }
        }
        catch (YamlDotNet.Core.YamlException)
        {
            root = null;
        }
        documents[file] = root;
        return root;
    }
}
