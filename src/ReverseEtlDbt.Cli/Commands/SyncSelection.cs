using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Selection;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// Turns dbt's node selection options (<c>--select</c>, <c>--exclude</c>, <c>--selector</c>) and <c>--sync</c> (sync
/// ids, <c>*</c> wildcards) into the <see cref="SyncFilter"/> of a run.
/// </summary>
public static class SyncSelection
{
    public static SyncFilter Filter(DbtManifest manifest, ProjectSettings settings)
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
        return new SyncFilter(nodes, settings.Sync);
    }
}
