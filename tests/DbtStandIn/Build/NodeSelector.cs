using DbtStandIn.Cli;
using DbtStandIn.Project;

namespace DbtStandIn.Build;

/// <summary>
/// dbt's node selection, in part: a name or fqn path (<c>customer_health</c>, <c>marts</c>), <c>tag:x</c>, <c>path:models/marts</c>,
/// with <c>+</c> before (ancestors) and after (descendants). Tests follow their parents (eager indirect selection).
/// </summary>
public static class NodeSelector
{
    public static HashSet<string> Select(DbtProject project, StandInArguments arguments)
    {
        var selected = arguments.Select.Count == 0
            ? project.Resources.Select(n => n.UniqueId).Concat(project.Tests.Select(t => t.UniqueId)).ToHashSet()
            : WithTests(project, arguments.Select.SelectMany(s => Match(project, s)).ToHashSet(), anyParent: true);
        var excluded = WithTests(project, arguments.Exclude.SelectMany(s => Match(project, s)).ToHashSet(), anyParent: true);
        selected.ExceptWith(excluded);
        selected.IntersectWith(Universe(project, arguments.Command));
        return selected;
    }

    private static IEnumerable<string> Universe(DbtProject project, string command) => command switch
    {
        "seed" => project.Seeds.Select(s => s.UniqueId),
        "run" => project.Models.Select(m => m.UniqueId),
        "test" => project.Tests.Select(t => t.UniqueId),
        _ => project.Resources.Select(n => n.UniqueId).Concat(project.Tests.Select(t => t.UniqueId)),
    };

    private static HashSet<string> WithTests(DbtProject project, HashSet<string> ids, bool anyParent)
    {
        foreach (var test in project.Tests.Where(t => anyParent ? t.DependsOn.Any(ids.Contains) : t.DependsOn.All(ids.Contains)))
            ids.Add(test.UniqueId);
        return ids;
    }

    private static HashSet<string> Match(DbtProject project, string selector)
    {
        var ancestors = selector.StartsWith('+');
        var descendants = selector.EndsWith('+') && selector.Length > 1;
        var core = selector.Trim('+');
        var matched = project.Resources.Where(n => Matches(n, core)).Select(n => n.UniqueId)
            .Concat(project.Tests.Where(t => t.Name == core).Select(t => t.UniqueId)).ToHashSet();
        var result = new HashSet<string>(matched);
        if (ancestors) Walk(matched, id => project.Resources.FirstOrDefault(n => n.UniqueId == id)?.DependsOn ?? [], result);
        if (descendants) Walk(matched, id => project.Models.Where(m => m.DependsOn.Contains(id)).Select(m => m.UniqueId), result);
        return result;
    }

    private static bool Matches(ProjectNode node, string core)
    {
        if (core.StartsWith("tag:", StringComparison.Ordinal)) return node.Tags.Contains(core[4..]);
        if (core.StartsWith("path:", StringComparison.Ordinal)) return node.OriginalFilePath.StartsWith(core[5..].TrimEnd('/'), StringComparison.Ordinal);
        if (core.StartsWith("resource_type:", StringComparison.Ordinal)) return node.ResourceType == core[14..];
        if (node.Name == core) return true;
        var parts = core.Split('.');
        return IsPrefix(parts, node.Fqn) || IsPrefix(parts, node.Fqn.Skip(1).ToList());
    }

    private static bool IsPrefix(string[] parts, IReadOnlyList<string> fqn) =>
        parts.Length <= fqn.Count && parts.Select((p, i) => p == fqn[i]).All(x => x);

    private static void Walk(IEnumerable<string> start, Func<string, IEnumerable<string>> next, HashSet<string> into)
    {
        var queue = new Queue<string>(start);
        while (queue.TryDequeue(out var id))
            foreach (var other in next(id))
                if (into.Add(other)) queue.Enqueue(other);
    }
}
