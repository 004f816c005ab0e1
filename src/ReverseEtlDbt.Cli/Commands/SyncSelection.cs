using System.IO.Enumeration;
using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Selection;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// Applies dbt's node selection (<c>--select</c>, <c>--exclude</c>, <c>--selector</c>) to the synced models, then
/// <c>--sync</c> (sync ids, <c>*</c> wildcards) to their destinations.
/// </summary>
public static class SyncSelection
{
    public static IReadOnlyList<SyncDefinition> Apply(DbtManifest manifest, IReadOnlyList<SyncDefinition> definitions, ProjectSettings settings)
    {
        var request = new SelectionRequest { Select = settings.Select, Exclude = settings.Exclude, Selector = settings.Selector };
        IReadOnlySet<string>? nodes = null;
        if (settings.Select.Length > 0 || settings.Exclude.Length > 0 || settings.Selector is not null
            || File.Exists(Path.Combine(settings.FullProjectDir, "selectors.yml")))
        {
            var (select, exclude) = request.Resolve(SelectorsFile.Load(settings.FullProjectDir));
            if (select is not null || exclude is not null)
                nodes = NodeSelector.Select(manifest, select, exclude, IndirectSelection.Empty);
        }
        return definitions
            .Where(d => nodes is null || nodes.Contains(d.ModelUniqueId))
            .Select(d => settings.Sync.Length == 0 ? d : d with { Destinations = d.Destinations.Where(s => settings.Sync.Any(p => Matches(p, s.Id))).ToList() })
            .Where(d => d.Destinations.Count > 0)
            .ToList();
    }

    private static bool Matches(string pattern, string syncId) =>
        FileSystemName.MatchesSimpleExpression(pattern, syncId, ignoreCase: true);
}
