using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Artifacts.Internal;

/// <summary>Builds the <see cref="DbtManifest"/> from the wire shape once the file is known to be a manifest.</summary>
internal static partial class ManifestMapper
{
    public static DbtManifest ToManifest(string path, ManifestDto dto, ManifestMetadata metadata)
    {
        var nodes = dto.Nodes?.Mapped ?? new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        var targets = dto.Nodes?.TestTargets ?? [];
        foreach (var (id, unitTest) in dto.UnitTests?.Mapped ?? [])
            nodes.TryAdd(id, unitTest);
        foreach (var (id, target) in dto.UnitTests?.TestTargets ?? []) targets.TryAdd(id, target);

        foreach (var (id, target) in targets)
        {
            var test = nodes[id];
            nodes[id] = test with { Test = test.Test! with { AttachedNode = AttachedNode(test, target, nodes) } };
        }
        var ids = new UniqueIds(nodes.Keys);
        foreach (var node in nodes.Values) ids.ShareAll(node.DependsOnNodes);
        return new DbtManifest(path, metadata, nodes, ToMap(dto.ParentMap, ids), ToMap(dto.ChildMap, ids));
    }

    /// <summary>The schema version number from its URL (<c>…/manifest/v12.json</c> → 12), or 0.</summary>
    public static int SchemaVersionNumber(string schemaVersion)
    {
        var match = VersionNumber().Match(schemaVersion);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, out var number) ? number : 0;
    }

    // Before dbt 1.5 tests carry no attached_node: the tested node is the parent whose name the test
    // refs in kwargs.model (relationships tests depend on two models), or a unit test's `model`.
    private static string? AttachedNode(ManifestNode test, string? targetName, Dictionary<string, ManifestNode> nodes)
    {
        var parents = test.DependsOnNodes.Select(id => nodes.GetValueOrDefault(id)).OfType<ManifestNode>().ToArray();
        var named = targetName is null ? null : parents.FirstOrDefault(p => p.Name == targetName);
        var fallback = parents.FirstOrDefault(p => p.ResourceType is not ("test" or "unit_test" or "macro"));
        return (named ?? fallback)?.UniqueId ?? (test.DependsOnNodes is [var first, ..] ? first : null);
    }

    /// <summary>The model a generic test refs in <c>kwargs.model</c> (<c>{{ get_where_subquery(ref('orders')) }}</c> → orders).</summary>
    public static string? RefName(string? modelExpression)
    {
        if (modelExpression is null) return null;
        var match = RefCall().Match(modelExpression);
        return match.Success ? match.Groups["name"].Value : null;
    }

    private static Dictionary<string, IReadOnlyList<string>> ToMap(Dictionary<string, List<string>?>? map, UniqueIds ids)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(map?.Count ?? 0, StringComparer.Ordinal);
        foreach (var (key, values) in map ?? [])
        {
            if (values is { Count: > 0 }) ids.ShareAll(values);
            result[ids.Share(key)] = values is { Count: > 0 } ? values : [];
        }
        return result;
    }

    [GeneratedRegex(@"/v(\d+)(?:\.json)?$")]
    private static partial Regex VersionNumber();

    // ref('name'), ref("name"), ref('package', 'name') → the last quoted argument.
    [GeneratedRegex(@"ref\(\s*(?:['""][^'""]*['""]\s*,\s*)?['""](?<name>[^'""]+)['""]")]
    private static partial Regex RefCall();
}
