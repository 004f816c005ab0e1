using System.IO.Enumeration;
using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Selection;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// Turns dbt's node selection options (<c>--select</c>, <c>--exclude</c>, <c>--selector</c>) and <c>--sync</c> (sync
/// ids, <c>*</c> wildcards) into the <see cref="SyncFilter"/> of a run. A <c>--select</c> term or a <c>--sync</c>
/// pattern that matches nothing is an error for the commands that run syncs (plan, sync, build), not a warning: in an
/// orchestrator a typo would otherwise end a run "successfully" with the intended sync never run.
/// </summary>
public static class SyncSelection
{
    public static SyncFilter Filter(DbtManifest manifest, SyncCatalog catalog, ProjectSettings settings)
    {
        var request = new SelectionRequest { Select = settings.Select, Exclude = settings.Exclude, Selector = settings.Selector };
        IReadOnlySet<string>? nodes = null;
        if (settings.Select.Length > 0 || settings.Exclude.Length > 0 || settings.Selector is not null
            || File.Exists(Path.Combine(settings.FullProjectDir, "selectors.yml")))
        {
            var (select, exclude) = request.Resolve(SelectorsFile.Load(settings.FullProjectDir));
            if (settings.SelectionMustMatch && select is not null && NodeSelector.UnmatchedTerms(manifest, select) is [var term, ..])
                throw new SelectionException(
                    $"The selection criterion '{term}' does not match any node in the manifest, so nothing it names would be synced. "
                    + Suggestion(term, manifest.Nodes.Values.Where(n => n.ResourceType == "model").Select(n => n.Name), "models"));
            if (select is not null || exclude is not null)
                nodes = NodeSelector.Select(manifest, select, exclude, IndirectSelection.Empty);
        }
        foreach (var pattern in settings.SelectionMustMatch ? settings.Sync : [])
            if (!catalog.Declared.Any(s => FileSystemName.MatchesSimpleExpression(pattern, s.Id, ignoreCase: true)))
                throw new SelectionException(
                    (pattern.Contains('*', StringComparison.Ordinal)
                        ? $"--sync '{pattern}' matches none of the {catalog.Declared.Count()} sync(s) declared in the manifest. "
                        : $"Unknown sync '{pattern}': none of the {catalog.Declared.Count()} sync(s) declared in the manifest has that id. ")
                    + Suggestion(pattern, catalog.Declared.Select(s => s.Id), "sync ids"));
        return new SyncFilter(nodes, settings.Sync);
    }

    private static string Suggestion(string word, IEnumerable<string> candidates, string what)
    {
        var known = candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var bare = word.TrimStart('+', '@').TrimEnd('+').Split(':')[^1];
        return DidYouMean.Suggest(bare, known) is { } close
            ? $"Did you mean '{close}'? (`retl ls` lists the syncs.)"
            : known.Count is > 0 and <= 10 ? $"Known {what}: {string.Join(", ", known)}." : "`retl ls` lists the syncs and their models.";
    }
}
