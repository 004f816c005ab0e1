using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReverseEtlDbt.Artifacts.Internal;

// Wire shapes of manifest.json: only the keys retl keeps are declared, so the serializer skips
// everything else (macros, docs, raw_code, compiled_code, semantic models) without allocating it.
// Every member is nullable because each dbt version drops or adds keys.

internal sealed class ManifestDto
{
    public ManifestMetadataDto? Metadata { get; set; }
    public StreamedNodes? Nodes { get; set; }
    public StreamedUnitTests? UnitTests { get; set; }
    public Dictionary<string, List<string>?>? ParentMap { get; set; }
    public Dictionary<string, List<string>?>? ChildMap { get; set; }
}

internal sealed class ManifestMetadataDto
{
    [JsonConverter(typeof(LenientStringConverter))] public string? DbtSchemaVersion { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? DbtVersion { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? InvocationId { get; set; }
    [JsonConverter(typeof(LenientDateTimeOffsetConverter))] public DateTimeOffset? GeneratedAt { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? ProjectName { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? AdapterType { get; set; }
}

internal sealed class NodeDto
{
    public string? UniqueId { get; set; }
    public string? ResourceType { get; set; }
    public string? Name { get; set; }
    public string? PackageName { get; set; }
    public string? Database { get; set; }
    public string? Schema { get; set; }
    public string? Alias { get; set; }
    public string? RelationName { get; set; }
    public string? Path { get; set; }
    public string? OriginalFilePath { get; set; }
    public string? PatchPath { get; set; }
    public List<string?>? Tags { get; set; }
    [JsonConverter(typeof(MetaObjectConverter))] public JsonElement? Meta { get; set; }
    public NodeConfigDto? Config { get; set; }
    public ContractDto? Contract { get; set; }
    public OrderedDictionary<string, ColumnDto?>? Columns { get; set; }
    public List<ConstraintDto?>? Constraints { get; set; }
    public DependsOnDto? DependsOn { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Version { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? LatestVersion { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Access { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Group { get; set; }
    public TestMetadataDto? TestMetadata { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? ColumnName { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? AttachedNode { get; set; }
    /// <summary>Unit tests only: the name (not the id) of the model under test.</summary>
    [JsonConverter(typeof(LenientStringConverter))] public string? Model { get; set; }
}

internal sealed class NodeConfigDto
{
    [JsonConverter(typeof(LenientStringConverter))] public string? Materialized { get; set; }
    [JsonConverter(typeof(MetaObjectConverter))] public JsonElement? Meta { get; set; }
    public ContractDto? Contract { get; set; }
}

internal sealed class ContractDto
{
    public bool? Enforced { get; set; }
    public bool? AliasTypes { get; set; }
}

internal sealed class ColumnDto
{
    public string? Name { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? DataType { get; set; }
    public List<ConstraintDto?>? Constraints { get; set; }
    [JsonConverter(typeof(MetaObjectConverter))] public JsonElement? Meta { get; set; }
    public ColumnConfigDto? Config { get; set; }
    public List<string?>? Tags { get; set; }
}

internal sealed class ColumnConfigDto
{
    [JsonConverter(typeof(MetaObjectConverter))] public JsonElement? Meta { get; set; }
    public List<string?>? Tags { get; set; }
}

internal sealed class ConstraintDto
{
    [JsonConverter(typeof(LenientStringConverter))] public string? Type { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Name { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Expression { get; set; }
    public List<string?>? Columns { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? To { get; set; }
    public List<string?>? ToColumns { get; set; }
}

internal sealed class DependsOnDto
{
    public List<string?>? Nodes { get; set; }
}

internal sealed class TestMetadataDto
{
    [JsonConverter(typeof(LenientStringConverter))] public string? Name { get; set; }
    public TestKwargsDto? Kwargs { get; set; }
}

internal sealed class TestKwargsDto
{
    [JsonConverter(typeof(LenientStringConverter))] public string? ColumnName { get; set; }
    /// <summary>The tested relation as a Jinja expression, e.g. <c>{{ get_where_subquery(ref('orders')) }}</c>.</summary>
    [JsonConverter(typeof(LenientStringConverter))] public string? Model { get; set; }
}
