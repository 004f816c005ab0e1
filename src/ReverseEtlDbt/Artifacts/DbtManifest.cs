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

    /// <summary>
    /// Data tests (generic and singular) and unit tests that depend on <paramref name="modelUniqueId"/>,
    /// ordered by unique id. Read from each test's <c>depends_on</c> as well as from <c>child_map</c>,
    /// because not every dbt version lists unit tests in <c>child_map</c>. A relationships test counts
    /// for both models it joins; <see cref="TestMetadata.AttachedNode"/> tells which one it is attached to.
    /// </summary>
    public IEnumerable<ManifestNode> TestsOf(string modelUniqueId)
    {
        var fromChildMap = ChildMap.GetValueOrDefault(modelUniqueId) ?? [];
        var fromDependsOn = Nodes.Values.Where(n => IsTest(n) && n.DependsOnNodes.Contains(modelUniqueId)).Select(n => n.UniqueId);
        return fromChildMap.Concat(fromDependsOn).Distinct(StringComparer.Ordinal)
            .Select(id => Nodes.GetValueOrDefault(id)).OfType<ManifestNode>()
            .Where(IsTest)
            .OrderBy(n => n.UniqueId, StringComparer.Ordinal);
    }

    private static bool IsTest(ManifestNode node) => node.ResourceType is "test" or "unit_test";
}

/// <summary>
/// Who wrote the manifest. <see cref="SchemaVersionNumber"/> is parsed from the schema URL
/// (<c>…/manifest/v12.json</c> → 12); <see cref="ProjectName"/> is null before v10.
/// </summary>
public sealed record ManifestMetadata(
    string SchemaVersion,
    int SchemaVersionNumber,
    string? DbtVersion,
    string? InvocationId,
    DateTimeOffset? GeneratedAt,
    string? ProjectName,
    string? AdapterType);
