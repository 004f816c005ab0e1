using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Definitions;

/// <summary>Every sync declared in a manifest's root-project models, with the problems found while reading them.</summary>
public sealed record SyncCatalog(IReadOnlyList<SyncDefinition> Definitions, IReadOnlyList<Diagnostic> Diagnostics)
{
    public IEnumerable<DestinationSync> Syncs => Definitions.SelectMany(d => d.Destinations);

    public static SyncCatalog From(DbtManifest manifest)
    {
        var definitions = new List<SyncDefinition>();
        var diagnostics = new List<Diagnostic>();
        foreach (var model in manifest.RootModels.OrderBy(m => m.UniqueId, StringComparer.Ordinal))
        {
            var (definition, problems) = SyncDefinitionParser.Parse(model);
            diagnostics.AddRange(problems);
            if (definition is not null) definitions.Add(definition);
        }
        return new SyncCatalog(definitions, diagnostics);
    }
}
