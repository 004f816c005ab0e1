using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// Turns one <c>definition:</c> of a YAML selector into a <see cref="SelectionSpec"/>: a CLI string
/// (<c>'tag:nightly'</c>), a <c>union</c> or <c>intersection</c> list (either may hold one
/// <c>exclude</c> item), a <c>method</c>/<c>value</c> mapping with graph keys and <c>exclude</c>, or the
/// one-key shorthand <c>tag: nightly</c>. <c>method: selector</c> reuses another named selector.
/// </summary>
internal sealed class SelectorDefinitionParser(string path, string selectorName, Func<string, SelectionSpec> resolveSelector)
{
    private static readonly HashSet<string> CriteriaKeys =
        ["method", "value", "children", "parents", "children_depth", "parents_depth", "childrens_parents", "indirect_selection", "exclude"];

    public SelectionSpec Parse(YamlNode definition) => definition switch
    {
        YamlScalarNode scalar => ParseString(scalar.Value ?? ""),
        YamlMappingNode mapping when Has(mapping, "union") => ParseSetOperation(mapping, "union"),
        YamlMappingNode mapping when Has(mapping, "intersection") => ParseSetOperation(mapping, "intersection"),
        YamlMappingNode mapping => ParseCriteria(mapping),
        _ => throw Error("a definition must be a string or a mapping"),
    };

    private SelectionSpec ParseString(string text) =>
        Wrap(() => SelectionParser.ParseUnion(text)) ?? throw Error("the definition is empty");

    private SelectionSpec ParseSetOperation(YamlMappingNode mapping, string key)
    {
        if (mapping.Children.Count != 1) throw Error($"'{key}' cannot be combined with other keys");
        if (mapping.Children[new YamlScalarNode(key)] is not YamlSequenceNode items || items.Children.Count == 0)
            throw Error($"'{key}' must be a non-empty list");
        var includes = new List<SelectionSpec>();
        SelectionSpec? exclude = null;
        foreach (var item in items.Children)
        {
            if (item is YamlMappingNode m && Has(m, "exclude") && m.Children.Count == 1)
            {
                if (exclude is not null) throw Error($"'{key}' can hold only one 'exclude' item");
                exclude = ParseExclude(m);
            }
            else includes.Add(Parse(item));
        }
        if (includes.Count == 0) throw Error($"'{key}' needs at least one item besides 'exclude'");
        var raw = key + " of " + selectorName;
        SelectionSpec combined = key == "union"
            ? new SelectionUnion(includes) { Raw = raw }
            : new SelectionIntersection(includes) { Raw = raw };
        return exclude is null ? combined : new SelectionDifference(combined, exclude) { Raw = raw };
    }

    private SelectionSpec ParseExclude(YamlMappingNode mapping)
    {
        if (mapping.Children[new YamlScalarNode("exclude")] is not YamlSequenceNode items || items.Children.Count == 0)
            throw Error("'exclude' must be a non-empty list");
        var excluded = items.Children.Select(Parse).ToList();
        return excluded.Count == 1 ? excluded[0] : new SelectionUnion(excluded) { Raw = "exclude of " + selectorName };
    }

    private SelectionSpec ParseCriteria(YamlMappingNode mapping)
    {
        var keys = mapping.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? "").ToList();
        if (!keys.Contains("method"))
        {
            if (keys.Count != 1) throw Error($"a mapping needs 'method' and 'value', 'union' or 'intersection' (found {string.Join(", ", keys)})");
            return Criteria(keys[0], Scalar(mapping, keys[0]), mapping);
        }
        if (keys.FirstOrDefault(k => !CriteriaKeys.Contains(k)) is { } unknown) throw Error($"unknown key '{unknown}'");
        var method = Scalar(mapping, "method");
        var value = Scalar(mapping, "value");
        var spec = method == "selector" ? ReferenceTo(value, keys) : Criteria(method, value, mapping);
        return Has(mapping, "exclude") ? new SelectionDifference(spec, ParseExclude(mapping)) { Raw = spec.Raw } : spec;
    }

    private SelectionSpec ReferenceTo(string otherSelector, List<string> keys)
    {
        if (keys.Any(k => k is not ("method" or "value" or "exclude")))
            throw Error("'method: selector' takes no graph operators");
        return resolveSelector(otherSelector);
    }

    private SelectionCriteria Criteria(string methodText, string value, YamlMappingNode mapping)
    {
        var raw = $"{methodText}:{value}";
        var (method, arguments) = Wrap(() => SelectionParser.ResolveMethod(methodText, raw));
        if (value.Length == 0) throw Error($"'{raw}' has no value");
        var childrensParents = Bool(mapping, "childrens_parents");
        var parents = Bool(mapping, "parents");
        var children = Bool(mapping, "children");
        if (childrensParents && (parents || children)) throw Error("'childrens_parents' cannot be combined with 'parents' or 'children'");
        return new SelectionCriteria
        {
            Raw = raw,
            Method = method,
            MethodArguments = arguments,
            Value = value,
            ChildrensParents = childrensParents,
            Parents = parents,
            ParentsDepth = Depth(mapping, "parents_depth"),
            Children = children,
            ChildrenDepth = Depth(mapping, "children_depth"),
            IndirectSelection = Indirect(mapping),
        };
    }

    private IndirectSelection Indirect(YamlMappingNode mapping)
    {
        if (!Has(mapping, "indirect_selection")) return IndirectSelection.Eager;
        var text = Scalar(mapping, "indirect_selection");
        return Enum.TryParse<IndirectSelection>(text, ignoreCase: true, out var mode) && !int.TryParse(text, out _)
            ? mode
            : throw Error($"indirect_selection '{text}' is not one of eager, cautious, buildable, empty");
    }

    private int? Depth(YamlMappingNode mapping, string key)
    {
        if (!Has(mapping, key)) return null;
        var text = Scalar(mapping, key);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var depth)
            ? depth
            : throw Error($"'{key}' must be a whole number, not '{text}'");
    }

    private bool Bool(YamlMappingNode mapping, string key)
    {
        if (!Has(mapping, key)) return false;
        var text = Scalar(mapping, key);
        return bool.TryParse(text, out var flag) ? flag : throw Error($"'{key}' must be true or false, not '{text}'");
    }

    private string Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } text }
            ? text
            : throw Error($"'{key}' must be a single value");

    private T Wrap<T>(Func<T> parse)
    {
        try { return parse(); }
        catch (SelectionException e) { throw Error(e.Message); }
    }

    private static bool Has(YamlMappingNode mapping, string key) => mapping.Children.ContainsKey(new YamlScalarNode(key));

    private SelectionException Error(string problem) =>
        new($"{path}: selector '{selectorName}': {problem}{(problem.EndsWith('.') ? "" : ".")}");
}
