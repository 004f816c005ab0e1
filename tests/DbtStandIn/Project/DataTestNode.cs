using System.Text.Json.Nodes;

namespace DbtStandIn.Project;

/// <summary>A generic data test (<c>unique</c>, <c>not_null</c>, <c>accepted_values</c>, <c>relationships</c>) on a column.</summary>
public sealed class DataTestNode
{
    public required string Name { get; init; }
    public required string UniqueId { get; init; }
    /// <summary>The generic test: <c>unique</c>, <c>not_null</c>, <c>accepted_values</c> or <c>relationships</c>.</summary>
    public required string TestName { get; init; }
    public required string ColumnName { get; init; }
    public required ProjectNode Attached { get; init; }
    /// <summary>Arguments beyond column_name and model (<c>values</c>, <c>to</c>, <c>field</c>).</summary>
    public required JsonObject Arguments { get; init; }
    /// <summary>The YAML file declaring the test.</summary>
    public required string OriginalFilePath { get; init; }
    public required IReadOnlyList<string> Fqn { get; init; }
    /// <summary>Models referenced: the attached one, then any <c>to: ref(...)</c> target.</summary>
    public required IReadOnlyList<ProjectNode> Parents { get; init; }

    public IEnumerable<string> DependsOn => Parents.Select(p => p.UniqueId);
}
