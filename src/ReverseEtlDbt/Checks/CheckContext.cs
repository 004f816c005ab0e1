using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Checks;

/// <summary>Everything the static checks look at: the manifest, the parsed syncs and the connections. No I/O.</summary>
public sealed record CheckContext(
    DbtManifest Manifest,
    IReadOnlyList<SyncDefinition> Definitions,
    ConnectionsFile Connections,
    DestinationRegistry Registry)
{
    public IEnumerable<DestinationSync> Syncs => Definitions.SelectMany(d => d.Destinations);

    public ManifestNode Model(DestinationSync sync) => Manifest.Nodes[sync.ModelUniqueId];

    public ManifestNode Model(SyncDefinition definition) => Manifest.Nodes[definition.ModelUniqueId];
}

/// <summary>One static rule of <c>retl check</c>.</summary>
public interface ICheckRule
{
    IEnumerable<Diagnostic> Check(CheckContext context);
}
