using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// Evaluates a selection over a manifest's graph with dbt's semantics: method matches, graph operators,
/// unions, intersections, exclusions, and indirect selection of tests attached to selected nodes.
/// </summary>
public static class NodeSelector
{
    /// <summary>
    /// Unique ids selected by <paramref name="select"/> (every node of the graph when null, as dbt's
    /// default) minus those selected by <paramref name="exclude"/>. Sources, exposures and tests are
    /// included; callers keep the resource types they act on. <paramref name="indirectSelection"/>
    /// overrides the mode carried by the specs: pass <see cref="IndirectSelection.Empty"/> for the pure node set.
    /// </summary>
    public static IReadOnlySet<string> Select(
        DbtManifest manifest, SelectionSpec? select, SelectionSpec? exclude = null, IndirectSelection? indirectSelection = null)
    {
        var graph = new SelectionGraph(manifest);
        var evaluator = new Evaluator(manifest, graph, indirectSelection);
        var selected = select is null
            ? new HashSet<string>(graph.Nodes.Keys, StringComparer.Ordinal)
            : evaluator.Evaluate(select).Direct;
        if (exclude is not null) selected.ExceptWith(evaluator.Evaluate(exclude).Direct);
        return selected;
    }

    /// <summary>
    /// Terms of <paramref name="spec"/> whose method and value match no node, before graph operators
    /// (dbt warns "does not match any enabled nodes" for these); a typo then reads as a warning, not silence.
    /// </summary>
    public static IReadOnlyList<string> UnmatchedTerms(DbtManifest manifest, SelectionSpec spec)
    {
        var graph = new SelectionGraph(manifest);
        return Leaves(spec).Where(c => !graph.Nodes.Values.Any(n => NodeMatcher.IsMatch(c, n))).Select(c => c.Raw).ToList();
    }

    private static IEnumerable<SelectionCriteria> Leaves(SelectionSpec spec) => spec switch
    {
        SelectionCriteria criteria => [criteria],
        SelectionUnion union => union.Components.SelectMany(Leaves),
        SelectionIntersection intersection => intersection.Components.SelectMany(Leaves),
        SelectionDifference difference => Leaves(difference.Include).Concat(Leaves(difference.Exclude)),
        _ => [],
    };

    /// <summary>A spec's result: nodes selected, and tests that would join if more of their parents were selected.</summary>
    private sealed record Outcome(HashSet<string> Direct, HashSet<string> Indirect);

    private sealed class Evaluator(DbtManifest manifest, SelectionGraph graph, IndirectSelection? modeOverride)
    {
        public Outcome Evaluate(SelectionSpec spec) => spec switch
        {
            SelectionCriteria criteria => FromCriteria(criteria),
            SelectionUnion union => Combine(union, union.Components, (a, b) => a.UnionWith(b)),
            SelectionIntersection intersection => Combine(intersection, intersection.Components, (a, b) => a.IntersectWith(b)),
            SelectionDifference difference => Combine(difference, [difference.Include, difference.Exclude], (a, b) => a.ExceptWith(b)),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.GetType().Name, "Unknown selection spec."),
        };

        private IndirectSelection Mode(SelectionSpec spec) => modeOverride ?? spec.IndirectSelection;

        // dbt: combine the direct sets, and (direct ∪ indirect) sets, then admit indirect tests whose parents are now all in.
        private Outcome Combine(SelectionSpec spec, IReadOnlyList<SelectionSpec> components, Action<HashSet<string>, HashSet<string>> apply)
        {
            var outcomes = components.Select(Evaluate).ToList();
            var direct = new HashSet<string>(outcomes[0].Direct, StringComparer.Ordinal);
            var indirect = new HashSet<string>(outcomes[0].Direct.Union(outcomes[0].Indirect), StringComparer.Ordinal);
            foreach (var outcome in outcomes.Skip(1))
            {
                apply(direct, outcome.Direct);
                apply(indirect, new HashSet<string>(outcome.Direct.Union(outcome.Indirect), StringComparer.Ordinal));
            }
            IncorporateIndirect(direct, indirect, Mode(spec));
            indirect.ExceptWith(direct);
            return new Outcome(direct, indirect);
        }

        private Outcome FromCriteria(SelectionCriteria criteria)
        {
            var selected = graph.Nodes.Values.Where(n => NodeMatcher.IsMatch(criteria, n)).Select(n => n.UniqueId)
                .ToHashSet(StringComparer.Ordinal);
            var neighbours = new HashSet<string>(StringComparer.Ordinal);
            if (criteria.ChildrensParents) neighbours.UnionWith(graph.ChildrensParents(selected));
            if (criteria.Parents) neighbours.UnionWith(graph.Ancestors(selected, criteria.ParentsDepth));
            if (criteria.Children) neighbours.UnionWith(graph.Descendants(selected, criteria.ChildrenDepth));
            selected.UnionWith(neighbours);
            var mode = Mode(criteria);
            return mode == IndirectSelection.Empty ? new Outcome(selected, []) : Expand(selected, mode);
        }

        // dbt's expand_selection: look at tests directly downstream of the selection.
        private Outcome Expand(HashSet<string> selected, IndirectSelection mode)
        {
            var direct = new HashSet<string>(selected, StringComparer.Ordinal);
            var indirect = new HashSet<string>(StringComparer.Ordinal);
            var buildableParents = mode == IndirectSelection.Buildable ? SelectedAndAncestors(selected, withSources: true) : null;
            foreach (var id in selected.SelectMany(graph.ChildrenOf).Distinct(StringComparer.Ordinal))
            {
                if (!IsTest(id)) continue;
                var parents = TestParents(id);
                if (mode == IndirectSelection.Eager || parents.All(selected.Contains)) direct.Add(id);
                else if (buildableParents is not null && parents.All(buildableParents.Contains)) direct.Add(id);
                else indirect.Add(id);
            }
            return new Outcome(direct, indirect);
        }

        private void IncorporateIndirect(HashSet<string> direct, HashSet<string> indirect, IndirectSelection mode)
        {
            if (mode is not (IndirectSelection.Cautious or IndirectSelection.Buildable) || direct.SetEquals(indirect)) return;
            var allowed = mode == IndirectSelection.Buildable ? SelectedAndAncestors(direct, withSources: false) : direct;
            var admitted = indirect.Where(id => !direct.Contains(id) && IsTest(id) && TestParents(id).All(allowed.Contains)).ToList();
            direct.UnionWith(admitted);
        }

        private HashSet<string> SelectedAndAncestors(HashSet<string> selected, bool withSources)
        {
            var result = new HashSet<string>(selected, StringComparer.Ordinal);
            result.UnionWith(graph.Ancestors(selected));
            if (withSources) result.UnionWith(graph.Nodes.Values.Where(n => n.ResourceType == "source").Select(n => n.UniqueId));
            return result;
        }

        private bool IsTest(string id) =>
            manifest.Nodes.TryGetValue(id, out var node) && node.ResourceType is "test" or "unit_test";

        private IReadOnlyList<string> TestParents(string id) =>
            manifest.Nodes[id].DependsOnNodes is { Count: > 0 } dependsOn ? dependsOn : graph.ParentsOf(id);
    }
}
