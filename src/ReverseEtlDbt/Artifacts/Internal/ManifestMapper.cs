using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Artifacts.Internal;

/// <summary>Builds the <see cref="DbtManifest"/> from the wire shape once the file is known to be a manifest.</summary>
internal static partial class ManifestMapper
{
    public static DbtManifest ToManifest(string path, ManifestDto dto, ManifestMetadata metadata)
    {
        var nodes = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        foreach (var (key, node) in dto.Nodes ?? [])
            if (node is not null) Add(nodes, NodeMapper.ToNode(key, node));
        var unitTestModels = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, unitTest) in dto.UnitTests ?? [])
        {
            if (unitTest is null) continue;
            var node = NodeMapper.ToNode(key, unitTest, "unit_test");
            Add(nodes, node);
            unitTestModels[node.UniqueId] = unitTest.Model;
        }
        var testedRefs = (dto.Nodes ?? []).Values.OfType<NodeDto>()
            .Where(n => n.UniqueId is not null && n.TestMetadata?.Kwargs?.Model is not null)
            .ToDictionary(n => n.UniqueId!, n => RefName(n.TestMetadata!.Kwargs!.Model!), StringComparer.Ordinal);

        foreach (var test in nodes.Values.Where(n => n.Test is { AttachedNode: null }).ToArray())
        {
            var target = unitTestModels.GetValueOrDefault(test.UniqueId) ?? testedRefs.GetValueOrDefault(test.UniqueId);
            nodes[test.UniqueId] = test with { Test = test.Test! with { AttachedNode = AttachedNode(test, target, nodes) } };
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

    // Keys are unique in valid JSON; a duplicated id keeps the first node rather than failing the read.
    private static void Add(Dictionary<string, ManifestNode> nodes, ManifestNode node) => nodes.TryAdd(node.UniqueId, node);

    // Before dbt 1.5 tests carry no attached_node: the tested node is the parent whose name the test
    // refs in kwargs.model (relationships tests depend on two models), or a unit test's `model`.
    private static string? AttachedNode(ManifestNode test, string? targetName, Dictionary<string, ManifestNode> nodes)
    {
        var parents = test.DependsOnNodes.Select(id => nodes.GetValueOrDefault(id)).OfType<ManifestNode>().ToArray();
        var named = targetName is null ? null : parents.FirstOrDefault(p => p.Name == targetName);
        var fallback = parents.FirstOrDefault(p => p.ResourceType is not ("test" or "unit_test" or "macro"));
        return (named ?? fallback)?.UniqueId ?? (test.DependsOnNodes is [var first, ..] ? first : null);
    }

    private static string? RefName(string modelExpression)
    {
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
