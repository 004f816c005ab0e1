using ReverseEtlDbt.Definitions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// The project's <c>selectors.yml</c> (dbt's YAML selectors): named selections usable with
/// <c>--selector NAME</c>, one of which may be <c>default: true</c> for runs without <c>--select</c>.
/// A project without the file has no selectors.
/// </summary>
public sealed class SelectorsFile
{
    /// <summary>No selectors: what a project without <c>selectors.yml</c> has.</summary>
    public static readonly SelectorsFile Empty = new("selectors.yml", new Dictionary<string, NamedSelector>(StringComparer.Ordinal));

    private SelectorsFile(string path, IReadOnlyDictionary<string, NamedSelector> selectors)
    {
        Path = path;
        Selectors = selectors;
        var defaults = selectors.Values.Where(s => s.IsDefault).ToList();
        if (defaults.Count > 1)
            throw new SelectionException(
                $"{path}: only one selector can be 'default: true', found {string.Join(", ", defaults.Select(d => d.Name))}.");
        Default = defaults.SingleOrDefault();
    }

    public string Path { get; }
    public IReadOnlyDictionary<string, NamedSelector> Selectors { get; }

    /// <summary>The selector marked <c>default: true</c>, used when neither <c>--select</c> nor <c>--exclude</c> is given.</summary>
    public NamedSelector? Default { get; }

    /// <summary>Reads <c>selectors.yml</c> from the project folder; <see cref="Empty"/> when there is none.</summary>
    public static SelectorsFile Load(string projectDir)
    {
        var path = System.IO.Path.Combine(projectDir, "selectors.yml");
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : Empty;
    }

    /// <summary>Parses the text of a <c>selectors.yml</c>; <paramref name="path"/> only names it in errors.</summary>
    public static SelectorsFile Parse(string yaml, string path = "selectors.yml")
    {
        YamlStream stream;
        try
        {
            stream = SafeYaml.Load(new StringReader(yaml), path);
        }
        catch (YamlException e)
        {
            throw new SelectionException($"{path}: not valid YAML ({e.Message}).", e);
        }
        if (stream.Documents.Count == 0) return new SelectorsFile(path, Empty.Selectors);
        if (stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("selectors"), out var list)
            || list is not YamlSequenceNode entries)
            throw new SelectionException($"{path}: expected a top-level 'selectors:' list.");
        return new SelectorsFile(path, new SelectorsReader(path, entries).ReadAll());
    }

    /// <summary>The selection of <paramref name="name"/>; an unknown name is an error listing the known ones.</summary>
    public SelectionSpec Resolve(string name) =>
        Selectors.TryGetValue(name, out var selector)
            ? selector.Definition
            : throw new SelectionException(Selectors.Count == 0
                ? $"Selector '{name}' not found: {Path} defines no selectors."
                : $"Selector '{name}' not found. Available selectors: {string.Join(", ", Selectors.Keys.Order(StringComparer.Ordinal))}.");
}
