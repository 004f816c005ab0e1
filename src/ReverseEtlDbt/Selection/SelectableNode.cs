using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// A node of the selection graph. Sources, exposures, metrics and the like may appear in the parent
/// and child maps without a <see cref="ManifestNode"/>; then type, package and name come from the unique id.
/// </summary>
internal sealed record SelectableNode(string UniqueId, string ResourceType, string PackageName, ManifestNode? Node)
{
    /// <summary>Unique id segments after type and package: <c>[source_name, table]</c>, <c>[name]</c>, <c>[model, version]</c>.</summary>
    public IReadOnlyList<string> NameParts { get; } = UniqueId.Split('.').Skip(2).ToArray();

    public bool IsVersioned => Node?.Version is not null;

    /// <summary>dbt's fqn: the one the reader filled in, else rebuilt from package, folders, name and version.</summary>
    public IReadOnlyList<string> Fqn { get; } = Node is { Fqn.Count: > 0 } ? Node.Fqn : ApproximateFqn(UniqueId, PackageName, Node);

    public static SelectableNode From(string uniqueId, ManifestNode? node)
    {
        if (node is not null) return new(uniqueId, node.ResourceType, node.PackageName, node);
        var parts = uniqueId.Split('.');
        return new(uniqueId, parts[0], parts.Length > 1 ? parts[1] : "", null);
    }

    /// <summary>
    /// dbt builds fqn from package, the node's folders below its resource path and its name, plus
    /// <c>v{version}</c> for versioned models. YAML-defined tests take the folders of their YAML file.
    /// </summary>
    internal static IReadOnlyList<string> ApproximateFqn(string uniqueId, string packageName, ManifestNode? node)
    {
        if (node is null) return [packageName, .. uniqueId.Split('.').Skip(2)];
        var definedInYaml = node.OriginalFilePath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || node.OriginalFilePath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        var folders = definedInYaml && node.ResourceType is "test" or "unit_test"
            ? Folders(node.OriginalFilePath).Skip(1)
            : Folders(node.Path);
        IEnumerable<string> fqn = [packageName, .. folders, node.Name];
        return node.Version is null ? fqn.ToArray() : [.. fqn, "v" + node.Version];
    }

    private static string[] Folders(string path)
    {
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length <= 1 ? [] : segments[..^1];
    }
}
