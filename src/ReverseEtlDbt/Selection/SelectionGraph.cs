using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// The manifest's dependency graph as dbt selects over it: every node, source, exposure and test
/// found in <c>nodes</c>, <c>parent_map</c> or <c>child_map</c>, with depth-limited ancestor and descendant walks.
/// </summary>
internal sealed class SelectionGraph
{
    private readonly DbtManifest _manifest;

    public SelectionGraph(DbtManifest manifest)
    {
        _manifest = manifest;
        var ids = new HashSet<string>(manifest.Nodes.Keys, StringComparer.Ordinal);
        ids.UnionWith(manifest.ParentMap.Keys);
        ids.UnionWith(manifest.ChildMap.Keys);
        Nodes = ids.Order(StringComparer.Ordinal)
            .Select(id => SelectableNode.From(id, manifest.Nodes.GetValueOrDefault(id)))
            .ToDictionary(n => n.UniqueId, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, SelectableNode> Nodes { get; }

    public IReadOnlyList<string> ParentsOf(string uniqueId) =>
        _manifest.ParentMap.TryGetValue(uniqueId, out var parents) ? parents
        : _manifest.Nodes.TryGetValue(uniqueId, out var node) ? node.DependsOnNodes
        : [];

    public IReadOnlyList<string> ChildrenOf(string uniqueId) =>
        _manifest.ChildMap.TryGetValue(uniqueId, out var children) ? children : [];

    /// <summary>Ancestors of <paramref name="start"/> up to <paramref name="depth"/> generations (all when null).</summary>
    public HashSet<string> Ancestors(IEnumerable<string> start, int? depth = null) => Walk(start, depth, ParentsOf);

    /// <summary>Descendants of <paramref name="start"/> up to <paramref name="depth"/> generations (all when null).</summary>
    public HashSet<string> Descendants(IEnumerable<string> start, int? depth = null) => Walk(start, depth, ChildrenOf);

    /// <summary>dbt's <c>@</c>: the nodes, their descendants, and every ancestor of those.</summary>
    public HashSet<string> ChildrensParents(IEnumerable<string> start)
    {
        var withChildren = new HashSet<string>(start, StringComparer.Ordinal);
        withChildren.UnionWith(Descendants(withChildren));
        withChildren.UnionWith(Ancestors(withChildren));
        return withChildren;
    }

    // Breadth-first, so a node reached by a short and a long path counts at its shortest distance, as in dbt.
    private HashSet<string> Walk(IEnumerable<string> start, int? depth, Func<string, IReadOnlyList<string>> next)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var frontier = start.Distinct(StringComparer.Ordinal).ToList();
        var seen = new HashSet<string>(frontier, StringComparer.Ordinal);
        for (var generation = 0; frontier.Count > 0 && (depth is null || generation < depth); generation++)
        {
            var nextFrontier = new List<string>();
            foreach (var id in frontier)
                foreach (var neighbour in next(id))
                {
                    found.Add(neighbour);
                    if (seen.Add(neighbour)) nextFrontier.Add(neighbour);
                }
            frontier = nextFrontier;
        }
        found.RemoveWhere(id => !Nodes.ContainsKey(id));
        return found;
    }
}
