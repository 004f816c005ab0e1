using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>Applies --select / --exclude to the synced models.</summary>
public static class SyncSelection
{
    public static IReadOnlyList<SyncDefinition> Apply(DbtManifest manifest, IReadOnlyList<SyncDefinition> definitions, ProjectSettings settings)
    {
        if (settings.Select.Length == 0 && settings.Exclude.Length == 0 && settings.Selector is null) return definitions;
        bool Matches(string term, ManifestNode node) =>
            term.StartsWith("tag:", StringComparison.Ordinal) ? node.Tags.Contains(term[4..], StringComparer.Ordinal)
            : string.Equals(term, node.Name, StringComparison.Ordinal) || string.Equals(term, node.UniqueId, StringComparison.Ordinal);
        var select = settings.Select.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var exclude = settings.Exclude.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        return definitions.Where(d =>
        {
            var node = manifest.Nodes[d.ModelUniqueId];
            return (select.Count == 0 || select.Any(t => Matches(t, node))) && !exclude.Any(t => Matches(t, node));
        }).ToList();
    }
}
