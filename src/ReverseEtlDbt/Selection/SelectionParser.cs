using System.Globalization;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// Parses dbt's command-line selection syntax: terms separated by spaces are a union, terms joined by
/// commas an intersection, and each term is <c>[@][N+][method[.arg]:]value[+N]</c>. Pure; throws
/// <see cref="SelectionException"/> naming the offending term.
/// </summary>
public static partial class SelectionParser
{
    private static readonly Dictionary<string, SelectionMethod> Methods = new(StringComparer.Ordinal)
    {
        ["fqn"] = SelectionMethod.Fqn,
        ["tag"] = SelectionMethod.Tag,
        ["path"] = SelectionMethod.Path,
        ["file"] = SelectionMethod.File,
        ["config"] = SelectionMethod.Config,
        ["resource_type"] = SelectionMethod.ResourceType,
        ["package"] = SelectionMethod.Package,
        ["access"] = SelectionMethod.Access,
        ["group"] = SelectionMethod.Group,
        ["version"] = SelectionMethod.Version,
        ["test_name"] = SelectionMethod.TestName,
        ["test_type"] = SelectionMethod.TestType,
        ["source"] = SelectionMethod.Source,
        ["exposure"] = SelectionMethod.Exposure,
        ["metric"] = SelectionMethod.Metric,
        ["semantic_model"] = SelectionMethod.SemanticModel,
        ["saved_query"] = SelectionMethod.SavedQuery,
        ["unit_test"] = SelectionMethod.UnitTest,
    };

    // dbt methods that need artifacts or state retl does not read.
    private static readonly HashSet<string> UnsupportedMethods = ["state", "result", "source_status", "wildcard"];

    private static readonly string[] FileExtensions = [".sql", ".py", ".csv", ".yml", ".yaml"];

    /// <summary>
    /// Parses one or more <c>--select</c>/<c>--exclude</c> arguments into their union; each argument may
    /// itself hold space-separated terms. Returns <c>null</c> when there are no terms at all.
    /// </summary>
    public static SelectionSpec? ParseUnion(IEnumerable<string> arguments, IndirectSelection indirectSelection = IndirectSelection.Eager)
    {
        var raw = string.Join(' ', arguments);
        var terms = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0) return null;
        var components = terms.Select(t => ParseIntersection(t, indirectSelection)).ToList();
        return components.Count == 1
            ? components[0]
            : new SelectionUnion(components) { Raw = raw.Trim(), IndirectSelection = indirectSelection };
    }

    /// <inheritdoc cref="ParseUnion(IEnumerable{string}, IndirectSelection)"/>
    public static SelectionSpec? ParseUnion(string argument, IndirectSelection indirectSelection = IndirectSelection.Eager) =>
        ParseUnion([argument], indirectSelection);

    /// <summary>Parses a term that may join criteria with commas (<c>tag:nightly,+orders</c>).</summary>
    public static SelectionSpec ParseIntersection(string term, IndirectSelection indirectSelection = IndirectSelection.Eager)
    {
        var parts = term.Split(',');
        if (parts.Any(string.IsNullOrWhiteSpace))
            throw new SelectionException($"Invalid selector '{term}': an intersection has an empty part (check the commas).");
        if (parts.Length == 1) return ParseCriteria(parts[0], indirectSelection);
        return new SelectionIntersection(parts.Select(p => ParseCriteria(p, indirectSelection)).ToList<SelectionSpec>())
        {
            Raw = term,
            IndirectSelection = indirectSelection,
        };
    }

    /// <summary>Parses one criteria term such as <c>@orders</c>, <c>2+tag:nightly+1</c> or <c>config.materialized:table</c>.</summary>
    public static SelectionCriteria ParseCriteria(string term, IndirectSelection indirectSelection = IndirectSelection.Eager)
    {
        var match = TermPattern().Match(term);
        if (!match.Success) throw new SelectionException($"Invalid selector '{term}': it does not follow [@][N+][method:]value[+N].");
        var value = match.Groups["value"].Value;
        if (value.Length == 0) throw new SelectionException($"Invalid selector '{term}': no value to select.");
        if (value.Contains('+', StringComparison.Ordinal) || value.Contains('@', StringComparison.Ordinal))
            throw new SelectionException($"Invalid selector '{term}': '+' and '@' are only allowed at the ends of a term.");
        var childrensParents = match.Groups["at"].Success;
        var parents = match.Groups["parents"].Success;
        var children = match.Groups["children"].Success;
        if (childrensParents && (parents || children))
            throw new SelectionException($"Invalid selector '{term}': the '@' prefix cannot be combined with '+'.");
        var (method, arguments) = match.Groups["method"].Success
            ? ResolveMethod(match.Groups["method"].Value, term)
            : (DefaultMethod(value), []);
        return new SelectionCriteria
        {
            Raw = term,
            IndirectSelection = indirectSelection,
            Method = method,
            MethodArguments = arguments,
            Value = value,
            ChildrensParents = childrensParents,
            Parents = parents,
            ParentsDepth = Depth(match.Groups["pdepth"].Value, term),
            Children = children,
            ChildrenDepth = Depth(match.Groups["cdepth"].Value, term),
        };
    }

    /// <summary>dbt's choice for a term without <c>method:</c>: a path if it has a slash, a file name if it has a file extension, else fqn.</summary>
    internal static SelectionMethod DefaultMethod(string value)
    {
        if (value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal)) return SelectionMethod.Path;
        return FileExtensions.Any(e => value.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ? SelectionMethod.File : SelectionMethod.Fqn;
    }

    /// <summary>Resolves a method name, with optional dotted arguments, as written in a term or YAML selector.</summary>
    internal static (SelectionMethod Method, IReadOnlyList<string> Arguments) ResolveMethod(string methodText, string term)
    {
        var parts = methodText.Split('.');
        if (parts.Any(p => p.Length == 0))
            throw new SelectionException($"Invalid selector '{term}': method '{methodText}' has an empty part.");
        var name = parts[0];
        if (UnsupportedMethods.Contains(name))
            throw new SelectionException($"Invalid selector '{term}': the '{name}:' method is not supported by retl.");
        if (!Methods.TryGetValue(name, out var method))
            throw new SelectionException(
                $"Invalid selector '{term}': '{name}' is not a valid method name. Valid methods: {string.Join(", ", Methods.Keys)}.");
        var arguments = parts[1..];
        if (method == SelectionMethod.Config && arguments.Length == 0)
            throw new SelectionException($"Invalid selector '{term}': 'config' needs a key, as in 'config.materialized:table'.");
        if (method != SelectionMethod.Config && arguments.Length > 0)
            throw new SelectionException($"Invalid selector '{term}': the '{name}' method takes no '.{string.Join('.', arguments)}' argument.");
        return (method, arguments);
    }

    private static int? Depth(string digits, string term)
    {
        if (digits.Length == 0) return null;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var depth))
            throw new SelectionException($"Invalid selector '{term}': depth '{digits}' is too large.");
        return depth;
    }

    [GeneratedRegex(@"\A(?<at>@)?(?<parents>(?<pdepth>\d*)\+)?((?<method>[\w.]+):)?(?<value>.*?)(?<children>\+(?<cdepth>\d*))?\z")]
    private static partial Regex TermPattern();
}
