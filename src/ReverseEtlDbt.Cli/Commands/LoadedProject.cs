using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>What every command starts from: the manifest, the syncs it declares (selected), and the connections.</summary>
public sealed record LoadedProject(
    DbtManifest Manifest,
    SyncCatalog Catalog,
    IReadOnlyList<SyncDefinition> Selected,
    ConnectionsFile Connections,
    IReadOnlyList<Diagnostic> ConnectionDiagnostics,
    DestinationRegistry Registry)
{
    public IEnumerable<DestinationSync> SelectedSyncs => Selected.SelectMany(d => d.Destinations);

    public static LoadedProject Load(ProjectSettings settings, Func<string, string?> environment)
    {
        var manifest = ManifestReader.Read(settings.ManifestPath);
        var catalog = SyncCatalog.From(manifest);
        var selected = SyncSelection.Apply(manifest, catalog.Definitions, settings);
        var path = ConnectionsFile.Locate(settings.FullProjectDir, settings.Connections, environment);
        var (connections, problems) = path is null
            ? (ConnectionsFile.Empty, catalog.Definitions.Count == 0 ? [] : (IReadOnlyList<Diagnostic>)[MissingConnections()])
            : ConnectionsFile.Read(path, Display(settings, path), environment);
        return new LoadedProject(manifest, catalog, selected, connections, problems, DestinationRegistry.Default);
    }

    private static Diagnostic MissingConnections() => new()
    {
        Code = "connections_not_found",
        Message = $"No connections file: {ConnectionsFile.DefaultFileName} is not in the project dir and {ConnectionsFile.EnvironmentVariable} is not set",
        Hint = $"Create {ConnectionsFile.DefaultFileName} next to dbt_project.yml (see docs/meta-sync.md), or pass --connections.",
    };

    /// <summary>A path as users see it: relative to the project dir when inside it.</summary>
    public static string Display(ProjectSettings settings, string path)
    {
        var relative = Path.GetRelativePath(settings.FullProjectDir, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }
}
