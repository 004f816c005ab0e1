using System.Text.Json;

namespace ReverseEtlDbt.Artifacts;

/// <summary>One node of the manifest (model, test, seed, snapshot, unit test, …).</summary>
public sealed record ManifestNode
{
    public required string UniqueId { get; init; }
    public required string ResourceType { get; init; }
    public required string Name { get; init; }
    public string PackageName { get; init; } = "";
    public string? Database { get; init; }
    public string? Schema { get; init; }
    public string? Alias { get; init; }
    public string? RelationName { get; init; }
    public string Path { get; init; } = "";
    public string OriginalFilePath { get; init; } = "";
    /// <summary>YAML file that documents the node, as dbt writes it (<c>project://models/schema.yml</c>).</summary>
    public string? PatchPath { get; init; }
    public string? Materialized { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Node-level <c>meta</c> (older style); a non-empty JSON object, or <c>null</c> when absent or empty.</summary>
    public JsonElement? Meta { get; init; }
    /// <summary><c>config.meta</c> (dbt ≥ 1.10 style); wins over <see cref="Meta"/> where both hold a key.</summary>
    public JsonElement? ConfigMeta { get; init; }
    public ModelContract Contract { get; init; } = ModelContract.None;
    /// <summary>Columns in the order the YAML declares them.</summary>
    public IReadOnlyList<ManifestColumn> Columns { get; init; } = [];
    /// <summary>Model-level constraints (composite primary keys and the like).</summary>
    public IReadOnlyList<ColumnConstraint> Constraints { get; init; } = [];
    public IReadOnlyList<string> DependsOnNodes { get; init; } = [];
    /// <summary>Model version as written (<c>2</c>, <c>"2"</c> or <c>1.5</c> all become a string).</summary>
    public string? Version { get; init; }
    public string? LatestVersion { get; init; }
    public string? Access { get; init; }
    public string? Group { get; init; }
    /// <summary>For tests and unit tests: what is tested (see <see cref="TestMetadata"/>); null for other nodes.</summary>
    public TestMetadata? Test { get; init; }
    /// <summary>dbt's <c>fqn</c> (package, folders, name[, version]); empty when the reader did not fill it.</summary>
    public IReadOnlyList<string> Fqn { get; init; } = [];

    public ManifestColumn? Column(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A model's contract as dbt enforces it (<c>config.contract</c>); <see cref="None"/> when absent.</summary>
public sealed record ModelContract(bool Enforced, bool AliasTypes)
{
    public static readonly ModelContract None = new(false, true);
}

/// <summary>
/// A column as documented in YAML. <see cref="Meta"/> is the column <c>meta</c> merged with its
/// <c>config.meta</c> (dbt 1.10+, keys of <c>config.meta</c> win); null when both are empty.
/// </summary>
public sealed record ManifestColumn
{
    public required string Name { get; init; }
    public string? DataType { get; init; }
    public IReadOnlyList<ColumnConstraint> Constraints { get; init; } = [];
    public JsonElement? Meta { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>
/// A dbt constraint on a column or (with <see cref="Columns"/>) on the model. <see cref="To"/> and
/// <see cref="ToColumns"/> name a foreign key's target relation and columns.
/// </summary>
public sealed record ColumnConstraint(
    string Type,
    string? Name = null,
    string? Expression = null,
    IReadOnlyList<string>? Columns = null,
    string? To = null,
    IReadOnlyList<string>? ToColumns = null);

/// <summary>
/// What a test checks. For generic data tests: <c>test_metadata.name</c> (<c>unique</c>, <c>not_null</c>, …)
/// and the column from <c>column_name</c> (or <c>test_metadata.kwargs.column_name</c>). For singular
/// and unit tests, <see cref="Name"/> is the node's name. <see cref="AttachedNode"/> is dbt's
/// <c>attached_node</c>, or when absent (before dbt 1.5, unit tests) the tested node from <c>depends_on</c>.
/// </summary>
public sealed record TestMetadata(string Name, string? ColumnName, string? AttachedNode);
