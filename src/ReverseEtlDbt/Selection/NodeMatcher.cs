using System.Text.Json;

namespace ReverseEtlDbt.Selection;

/// <summary>Decides whether one node answers one criteria's method and value, as dbt's selector methods do.</summary>
internal static class NodeMatcher
{
    public static bool IsMatch(SelectionCriteria criteria, SelectableNode node)
    {
        var value = criteria.Value;
        var manifestNode = node.Node;
        return criteria.Method switch
        {
            // dbt matches fqn against manifest nodes only: not sources, exposures or metrics.
            SelectionMethod.Fqn => manifestNode is not null && node.ResourceType != "source" && FqnMatcher.IsMatch(value, node.Fqn, node.IsVersioned),
            SelectionMethod.Tag => manifestNode?.Tags.Any(t => Wildcard.IsMatch(t, value)) == true,
            SelectionMethod.Path => PathGlob.Selects(value, manifestNode?.OriginalFilePath) || PathGlob.Names(value, PatchFile(manifestNode?.PatchPath)),
            SelectionMethod.File => FileMatches(value, manifestNode?.OriginalFilePath),
            SelectionMethod.Config => ConfigMatches(criteria, node),
            SelectionMethod.ResourceType => ResourceTypeMatches(value, node, criteria.Raw),
            SelectionMethod.Package => Wildcard.IsMatch(node.PackageName, value),
            SelectionMethod.Access => manifestNode?.Access == value,
            SelectionMethod.Group => manifestNode?.Group == value,
            SelectionMethod.Version => VersionSelector.IsMatch(value, manifestNode, criteria.Raw),
            SelectionMethod.TestName => manifestNode is { ResourceType: "test", Test: { } test } && Wildcard.IsMatch(test.Name, value),
            SelectionMethod.TestType => TestTypeMatches(value, node, criteria.Raw),
            SelectionMethod.Source => node.ResourceType == "source" && DottedMatches(value, node, 3),
            SelectionMethod.Exposure => node.ResourceType == "exposure" && DottedMatches(value, node, 2),
            SelectionMethod.Metric => node.ResourceType == "metric" && DottedMatches(value, node, 2),
            SelectionMethod.SemanticModel => node.ResourceType == "semantic_model" && DottedMatches(value, node, 2),
            SelectionMethod.SavedQuery => node.ResourceType == "saved_query" && DottedMatches(value, node, 2),
            SelectionMethod.UnitTest => node.ResourceType == "unit_test" && FqnMatcher.IsMatch(value, node.Fqn, false),
            _ => throw new SelectionException($"Selector '{criteria.Raw}': method {criteria.Method} is not implemented."),
        };
    }

    // dbt's NodeType values; an unknown one is a typo (resource_type:models) rather than an empty selection.
    private static readonly HashSet<string> ResourceTypes =
    [
        "model", "analysis", "test", "snapshot", "operation", "seed", "rpc", "sql_operation", "doc", "source", "macro",
        "exposure", "metric", "group", "saved_query", "semantic_model", "unit_test", "fixture", "function",
    ];

    private static bool ResourceTypeMatches(string value, SelectableNode node, string raw) =>
        ResourceTypes.Contains(value)
            ? node.ResourceType == value
            : throw new SelectionException($"Invalid selector '{raw}': '{value}' is not a dbt resource type. Valid types: {string.Join(", ", ResourceTypes)}.");

    private static string? PatchFile(string? patchPath) =>
        patchPath?.IndexOf("://", StringComparison.Ordinal) is int i and >= 0 ? patchPath[(i + 3)..] : patchPath;

    private static bool FileMatches(string value, string? originalFilePath)
    {
        if (string.IsNullOrEmpty(originalFilePath)) return false;
        return Wildcard.IsMatch(Path.GetFileName(originalFilePath), value)
            || Wildcard.IsMatch(Path.GetFileNameWithoutExtension(originalFilePath), value);
    }

    // Only the config keys the manifest records carry; other keys match nothing, as a missing attribute does in dbt.
    private static bool ConfigMatches(SelectionCriteria criteria, SelectableNode node)
    {
        if (node.Node is not { } manifestNode) return false;
        var args = criteria.MethodArguments;
        var value = criteria.Value;
        return args[0] switch
        {
            "materialized" when args.Count == 1 => manifestNode.Materialized == value,
            "enabled" when args.Count == 1 => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase),
            "tags" when args.Count == 1 => manifestNode.Tags.Contains(value),
            "access" when args.Count == 1 => manifestNode.Access == value,
            "group" when args.Count == 1 => manifestNode.Group == value,
            "meta" when args.Count >= 2 => MetaMatches(manifestNode.ConfigMeta, args, value) || MetaMatches(manifestNode.Meta, args, value),
            _ => false,
        };
    }

    private static bool MetaMatches(JsonElement? meta, IReadOnlyList<string> args, string value)
    {
        if (meta is not { ValueKind: JsonValueKind.Object } current) return false;
        foreach (var key in args.Skip(1))
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out current)) return false;
        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString() == value,
            JsonValueKind.True or JsonValueKind.False => string.Equals(current.GetBoolean().ToString(), value, StringComparison.OrdinalIgnoreCase),
            JsonValueKind.Number => current.GetRawText() == value,
            JsonValueKind.Array => current.EnumerateArray().Any(e => (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()) == value),
            _ => false,
        };
    }

    private static bool TestTypeMatches(string value, SelectableNode node, string raw)
    {
        var generic = node.ResourceType == "test" && node.Node?.Test is not null;
        var singular = node.ResourceType == "test" && node.Node?.Test is null;
        return value switch
        {
            "generic" or "schema" => generic,
            "singular" => singular,
            "data" => generic || singular,
            "unit" => node.ResourceType == "unit_test",
            _ => throw new SelectionException(
                $"Invalid selector '{raw}': test_type '{value}' is not one of generic, singular, data, unit."),
        };
    }

    /// <summary>
    /// dbt's source/exposure/metric methods: <c>a</c> matches the first name part, <c>a.b</c> the first two
    /// (or package and name), and a full path includes the package; each part may use fnmatch.
    /// </summary>
    private static bool DottedMatches(string value, SelectableNode node, int maxParts)
    {
        var selector = value.Split('.');
        if (selector.Length > maxParts) return false;
        return selector.Length == maxParts
            ? PartsMatch(selector, [node.PackageName, .. node.NameParts])
            : PartsMatch(selector, node.NameParts);
    }

    private static bool PartsMatch(string[] selector, IReadOnlyList<string> parts) =>
        selector.Length <= parts.Count && selector.Select((s, i) => Wildcard.IsMatch(parts[i], s)).All(m => m);
}
