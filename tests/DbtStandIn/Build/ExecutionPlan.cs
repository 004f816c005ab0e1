using DbtStandIn.Project;

namespace DbtStandIn.Build;

/// <summary>
/// The order dbt build runs selected nodes in: seeds and models level by level of the DAG, each followed
/// at once by the tests whose parents are all done, so a failing test can stop the node's children.
/// </summary>
public static class ExecutionPlan
{
    /// <returns>Each item is a <see cref="ProjectNode"/> or a <see cref="DataTestNode"/>.</returns>
    public static IReadOnlyList<object> Order(DbtProject project, HashSet<string> selected)
    {
        var resources = project.Resources.Where(n => selected.Contains(n.UniqueId)).ToList();
        var pendingTests = project.Tests.Where(t => selected.Contains(t.UniqueId)).ToList();
        var inRun = resources.Select(r => r.UniqueId).ToHashSet();
        var done = new HashSet<string>();
        var plan = new List<object>();
        while (resources.Count > 0)
        {
            var level = resources.Where(r => r.DependsOn.All(d => done.Contains(d) || !inRun.Contains(d)))
                .OrderBy(r => r.UniqueId, StringComparer.Ordinal).ToList();
            if (level.Count == 0) throw new InvalidOperationException("Found a cycle in the DAG.");
            foreach (var node in level)
            {
                plan.Add(node);
                done.Add(node.UniqueId);
                resources.Remove(node);
                var ready = pendingTests.Where(t => t.DependsOn.All(d => done.Contains(d) || !inRun.Contains(d))).ToList();
                plan.AddRange(ready);
                pendingTests.RemoveAll(ready.Contains);
            }
        }
        plan.AddRange(pendingTests);
        return plan;
    }
}
