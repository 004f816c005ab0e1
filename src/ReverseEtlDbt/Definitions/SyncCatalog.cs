using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Definitions;

/// <summary>
/// Every sync declared in a manifest's root-project models: the valid <see cref="Definitions"/>, the declared syncs
/// that cannot run (<see cref="Refused"/>), and the problems found while reading them.
/// </summary>
public sealed record SyncCatalog(IReadOnlyList<SyncDefinition> Definitions, IReadOnlyList<Diagnostic> Diagnostics)
{
    public IReadOnlyList<DestinationSync> Refused { get; init; } = [];

    public IEnumerable<DestinationSync> Syncs => Definitions.SelectMany(d => d.Destinations);

    /// <summary>Every declared sync, valid or not, in the manifest's order: each one ends in a result.</summary>
    public IEnumerable<DestinationSync> Declared => Syncs.Concat(Refused)
        .OrderBy(s => s.ModelUniqueId, StringComparer.Ordinal).ThenBy(s => s.Index);

    public static SyncCatalog From(DbtManifest manifest)
    {
        var definitions = new List<SyncDefinition>();
        var refused = new List<DestinationSync>();
        var diagnostics = new List<Diagnostic>();
        foreach (var model in manifest.RootModels.OrderBy(m => m.UniqueId, StringComparer.Ordinal))
        {
            var parsed = SyncDefinitionParser.Parse(model);
            diagnostics.AddRange(parsed.Diagnostics);
            refused.AddRange(parsed.Refused);
            if (parsed.Definition is not null) definitions.Add(parsed.Definition);
        }
        return new SyncCatalog(definitions, diagnostics) { Refused = refused };
    }
}
