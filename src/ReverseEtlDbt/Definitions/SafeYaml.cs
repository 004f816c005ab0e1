using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ReverseEtlDbt.Definitions;

/// <summary>
/// Loads the YAML files retl reads (connections, profiles, selectors) with limits, so no file can exhaust memory or
/// time: at most <see cref="MaxChars"/> characters, and at most <see cref="MaxNodes"/> nodes once aliases are counted
/// as expanded. Anchors and aliases stay allowed (profiles.yml often shares settings through them); a "billion
/// laughs" file, whose few aliases expand to billions of nodes, is refused before anything walks it.
/// </summary>
public static class SafeYaml
{
    public const int MaxChars = 4 * 1024 * 1024;
    public const long MaxNodes = 100_000;

    /// <exception cref="YamlException">Not YAML, or past a limit (the message says which).</exception>
    public static YamlStream Load(TextReader reader, string display)
    {
        var text = new System.Text.StringBuilder();
        var block = new char[64 * 1024];
        for (int read; (read = reader.ReadBlock(block, 0, block.Length)) > 0;)
        {
            if (text.Length + read > MaxChars)
                throw new YamlException($"{display} is larger than {MaxChars / (1024 * 1024)} MiB; retl refuses YAML files that large");
            text.Append(block, 0, read);
        }
        var stream = new YamlStream();
        stream.Load(new StringReader(text.ToString()));
        var sizes = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
        foreach (var document in stream.Documents)
            if (Expanded(document.RootNode, sizes) > MaxNodes)
                throw new YamlException($"{display} expands to more than {MaxNodes:N0} values through its aliases (&anchor / *alias); retl refuses it");
        return stream;
    }

    public static YamlStream LoadFile(string path, string display)
    {
        using var reader = new StreamReader(path);
        return Load(reader, display);
    }

    /// <summary>Nodes of <paramref name="node"/> with every alias expanded, counted once per distinct node (linear time), saturating past the limit.</summary>
    private static long Expanded(YamlNode node, Dictionary<YamlNode, long> sizes)
    {
        if (sizes.TryGetValue(node, out var known)) return known;
        sizes[node] = MaxNodes + 1; // a node reached again while being counted is a cycle: refuse
        long size = 1;
        IEnumerable<YamlNode> children = node switch
        {
            YamlMappingNode map => map.Children.SelectMany(kv => new[] { kv.Key, kv.Value }),
            YamlSequenceNode list => list.Children,
            _ => [],
        };
        foreach (var child in children)
        {
            size += Expanded(child, sizes);
            if (size > MaxNodes) break;
        }
        return sizes[node] = Math.Min(size, MaxNodes + 1);
    }
}
