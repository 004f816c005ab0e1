namespace DbtStandIn.Project;

/// <summary>A parsed dbt project: seeds, models and data tests, ready to write as a manifest or to build.</summary>
public sealed record DbtProject(
    string Name, string ProjectDir, ProfileTarget Target,
    IReadOnlyList<ProjectNode> Seeds, IReadOnlyList<ProjectNode> Models, IReadOnlyList<DataTestNode> Tests)
{
    public IEnumerable<ProjectNode> Resources => Seeds.Concat(Models);

    public string RelationName(ProjectNode node) => $"\"{Target.Database}\".\"{Target.Schema}\".\"{node.Name}\"";

    /// <summary>Unique ids of every node that depends directly on <paramref name="uniqueId"/>, tests included, sorted.</summary>
    public IReadOnlyList<string> Children(string uniqueId) =>
        Models.Where(m => m.DependsOn.Contains(uniqueId)).Select(m => m.UniqueId)
            .Concat(Tests.Where(t => t.DependsOn.Contains(uniqueId)).Select(t => t.UniqueId))
            .Order(StringComparer.Ordinal).ToList();
}
