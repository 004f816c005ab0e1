using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Checks;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Selection;

namespace ReverseEtlDbt.Engine.Preparation;

/// <summary>Everything <see cref="SyncPreparation"/> decides from, read beforehand by the caller (files are I/O, this is not).</summary>
public sealed record PreparationInput(
    DbtManifest Manifest,
    SyncCatalog Catalog,
    ConnectionsFile Connections,
    IReadOnlyList<Diagnostic> ConnectionDiagnostics,
    DestinationRegistry Registry,
    SyncFilter Selection)
{
    /// <summary>Fills in YAML line numbers of diagnostics where the file can be read; null leaves them out.</summary>
    public YamlLocator? Locator { get; init; }
}
