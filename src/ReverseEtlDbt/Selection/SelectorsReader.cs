using YamlDotNet.RepresentationModel;

namespace ReverseEtlDbt.Selection;

/// <summary>Reads the entries of a <c>selectors:</c> list, resolving <c>method: selector</c> references in any order.</summary>
internal sealed class SelectorsReader
{
    private readonly string _path;
    private readonly Dictionary<string, YamlMappingNode> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamedSelector> _parsed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    public SelectorsReader(string path, YamlSequenceNode entries)
    {
        _path = path;
        foreach (var entry in entries.Children)
        {
            if (entry is not YamlMappingNode mapping || Text(mapping, "name") is not { Length: > 0 } name)
                throw new SelectionException($"{path}: every selector needs a 'name' (line {entry.Start.Line}).");
            if (!_entries.TryAdd(name, mapping)) throw new SelectionException($"{path}: selector '{name}' is defined twice.");
            if (!mapping.Children.ContainsKey(new YamlScalarNode("definition")))
                throw new SelectionException($"{path}: selector '{name}' has no 'definition'.");
        }
    }

    public IReadOnlyDictionary<string, NamedSelector> ReadAll()
    {
        foreach (var name in _entries.Keys) Read(name);
        return _parsed;
    }

    private NamedSelector Read(string name)
    {
        if (_parsed.TryGetValue(name, out var done)) return done;
        if (!_entries.TryGetValue(name, out var mapping))
            throw new SelectionException($"{_path}: a selector refers to selector '{name}', which is not defined. "
                + $"Available selectors: {string.Join(", ", _entries.Keys.Order(StringComparer.Ordinal))}.");
        if (!_inProgress.Add(name)) throw new SelectionException($"{_path}: selector '{name}' refers to itself through 'method: selector'.");
        var parser = new SelectorDefinitionParser(_path, name, other => Read(other).Definition);
        var definition = parser.Parse(mapping.Children[new YamlScalarNode("definition")]);
        var isDefault = Text(mapping, "default") is { } flag && (bool.TryParse(flag, out var b)
            ? b
            : throw new SelectionException($"{_path}: selector '{name}': 'default' must be true or false (Jinja is not supported), not '{flag}'."));
        _inProgress.Remove(name);
        return _parsed[name] = new NamedSelector(name, Text(mapping, "description"), isDefault, definition);
    }

    private static string? Text(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;
}
