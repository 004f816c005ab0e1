using System.Text.Json.Nodes;

namespace DbtStandIn.Project;

/// <summary>A column as declared in YAML. <see cref="Constraints"/> are the raw YAML entries (<c>{type: not_null}</c>).</summary>
public sealed record ColumnSpec(
    string Name, string Description, JsonObject Meta, IReadOnlyList<string> Tags, string? DataType, IReadOnlyList<JsonObject> Constraints)
{
    public bool HasConstraint(string type) => Constraints.Any(c => c["type"]?.ToString() == type);
}
