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

    public bool IsVersioned => Node is { ResourceType: "model", Version: not null };

    /// <summary>dbt's fqn: the one the reader filled in, else rebuilt from package, folders, name and version.</summary>
    public IReadOnlyList<string> Fqn { get; } = Node is { Fqn.Count: > 0 } ? Node.Fqn : ApproximateFqn(UniqueId, PackageName, Node);

    public static SelectableNode From(string uniqueId, ManifestNode? node)
    {
        if (node is not null) return new(uniqueId, node.ResourceType, node.PackageName, node);
        var parts = uniqueId.Split('.');
        return new(uniqueId, parts[0], parts.Length > 1 ? parts[1] : "", null);
    }

    /// <summary>
    /// dbt builds fqn from package, the node's folders and its name, plus <c>v{version}</c> for versioned
    /// models. Tests and snapshots defined in YAML take the folders of that file below the resource path,
    /// SQL snapshots add the file name, unit tests add the model they test. Checked against every fixture manifest.
    /// </summary>
    internal static IReadOnlyList<string> ApproximateFqn(string uniqueId, string packageName, ManifestNode? node)
    {
        if (node is null) return [packageName, .. uniqueId.Split('.').Skip(2)];
        var file = node.OriginalFilePath.Replace('\\', '/');
        var definedInYaml = file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        var fileFolders = Folders(file).Skip(1);
        return node.ResourceType switch
        {
            "unit_test" => [packageName, .. fileFolders, uniqueId.Split('.')[2], node.Name],
            "snapshot" when definedInYaml => [packageName, .. fileFolders, node.Name],
            "snapshot" => [packageName, .. fileFolders, System.IO.Path.GetFileNameWithoutExtension(file), node.Name],
            "test" when definedInYaml => [packageName, .. fileFolders, node.Name],
            _ when node.Version is not null => [packageName, .. Folders(node.Path), node.Name, "v" + node.Version],
            _ => [packageName, .. Folders(node.Path), node.Name],
        };
    }

    private static string[] Folders(string path)
    {
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length <= 1 ? [] : segments[..^1];
    }
}
