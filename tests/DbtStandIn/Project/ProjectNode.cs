using System.Text.Json.Nodes;

namespace DbtStandIn.Project;

/// <summary>A seed or a model, with its configuration resolved from dbt_project.yml, YAML and <c>config()</c>.</summary>
public sealed class ProjectNode
{
    public required string ResourceType { get; init; }
    public required string Name { get; init; }
    public required string UniqueId { get; init; }
    /// <summary>Relative to the project dir, forward slashes (<c>models/marts/customer_health.sql</c>).</summary>
    public required string OriginalFilePath { get; init; }
    /// <summary>Relative to the model or seed path (<c>marts/customer_health.sql</c>).</summary>
    public required string Path { get; init; }
    public required IReadOnlyList<string> Fqn { get; init; }
    public required string RawCode { get; init; }
    public required string Checksum { get; init; }
    public string Description { get; set; } = "";
    public string? PatchPath { get; set; }
    public string Materialized { get; set; } = "view";
    public List<string> Tags { get; } = [];
    public JsonObject Meta { get; set; } = [];
    public bool ContractEnforced { get; set; }
    public JsonObject ColumnTypes { get; set; } = [];
    public JsonObject UnrenderedConfig { get; } = [];
    public List<ColumnSpec> Columns { get; } = [];
    /// <summary>Names passed to <c>ref()</c>, in order of appearance.</summary>
    public List<string> Refs { get; } = [];
    public List<string> DependsOn { get; } = [];

    public bool IsModel => ResourceType == "model";
}
