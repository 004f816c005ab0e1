namespace ReverseEtlDbt.Artifacts;

/// <summary>
/// The parts of dbt's <c>target/manifest.json</c> that retl needs, read into typed records.
/// Everything else in the file (macros, docs, compiled SQL, semantic models) is skipped while reading.
/// </summary>
public sealed record DbtManifest(
    string Path,
    ManifestMetadata Metadata,
    IReadOnlyDictionary<string, ManifestNode> Nodes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ParentMap,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ChildMap)
{
    /// <summary>Model nodes of the root project (injected cross-project nodes are excluded).</summary>
    public IEnumerable<ManifestNode> RootModels =>
        Nodes.Values.Where(n => n.ResourceType == "model"
            && (Metadata.ProjectName is null || n.PackageName == Metadata.ProjectName || RootPackageUnknown));

    // v7–v9 manifests carry no project_name; then every model whose file lives in the project counts.
    private bool RootPackageUnknown => Metadata.ProjectName is null;

    /// <summary>Data tests (generic and singular) that depend on <paramref name="modelUniqueId"/>.</summary>
    public IEnumerable<ManifestNode> TestsOf(string modelUniqueId) =>
        ChildMap.TryGetValue(modelUniqueId, out var children)
            ? children.Select(id => Nodes.GetValueOrDefault(id)).OfType<ManifestNode>()
                .Where(n => n.ResourceType is "test" or "unit_test")
            : [];
}

public sealed record ManifestMetadata(
    string SchemaVersion,
    int SchemaVersionNumber,
    string? DbtVersion,
    string? InvocationId,
    DateTimeOffset? GeneratedAt,
    string? ProjectName,
    string? AdapterType);
