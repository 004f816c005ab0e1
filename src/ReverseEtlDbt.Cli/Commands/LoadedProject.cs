using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Checks;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine.Preparation;
using ReverseEtlDbt.Selection;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>What every command starts from, read from files: the manifest, the syncs it declares, the selection and the connections.</summary>
public sealed record LoadedProject(
    DbtManifest Manifest,
    SyncCatalog Catalog,
    SyncFilter Selection,
    ConnectionsFile Connections,
    IReadOnlyList<Diagnostic> ConnectionDiagnostics,
    DestinationRegistry Registry,
    string ProjectDir)
{
    /// <summary>Every declared sync the selection takes, valid or not.</summary>
    public IEnumerable<DestinationSync> SelectedSyncs => Catalog.Declared.Where(Selection.Includes);

    /// <summary>The selected syncs, decided by the engine: runnable or refused, with the static check of the selection.</summary>
    public PreparedRun Prepare() => SyncPreparation.Prepare(
        new PreparationInput(Manifest, Catalog, Connections, ConnectionDiagnostics, Registry, Selection) { Locator = new YamlLocator(ProjectDir) });

    /// <param name="withConnections">
    /// False for commands that only list what the manifest declares (<c>ls</c>): the connections file is then not
    /// read at all (an empty one stands in), which spares a YAML parse at start-up.
    /// </param>
    public static LoadedProject Load(ProjectSettings settings, Func<string, string?> environment, bool withConnections = true)
    {
        var manifest = ManifestReader.Read(settings.ManifestPath);
        var catalog = SyncCatalog.From(manifest);
        var selection = SyncSelection.Filter(manifest, catalog, settings);
        if (!withConnections)
            return new LoadedProject(manifest, catalog, selection, ConnectionsFile.Empty, [], DestinationRegistry.Default, settings.FullProjectDir);
        var path = ConnectionsFile.Locate(settings.FullProjectDir, settings.Connections, environment);
        var (connections, problems) = path is null
            ? (ConnectionsFile.Empty, catalog.Definitions.Count == 0 ? [] : (IReadOnlyList<Diagnostic>)[MissingConnections()])
            : ConnectionsFile.Read(path, Display(settings, path), environment);
        return new LoadedProject(manifest, catalog, selection, connections, problems, DestinationRegistry.Default, settings.FullProjectDir);
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
