using System.Collections.Concurrent;
using System.Text.Json;
using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Tests.Selection;

/// <summary>
/// Test-only reader for the shared fixture manifests: just the fields selection uses, until the real
/// manifest reader lands. <c>nodes</c>, <c>unit_tests</c> and <c>sources</c> become nodes; exposures,
/// metrics and semantic models stay in the parent/child maps only.
/// </summary>
public static class FixtureManifest
{
    private static readonly ConcurrentDictionary<string, DbtManifest> Cache = new(StringComparer.Ordinal);

    public static DbtManifest Load(string fileName, bool withFqn = true) =>
        Cache.GetOrAdd(fileName + "|" + withFqn, _ => Read(TestPaths.Manifest(fileName), withFqn));

    private static DbtManifest Read(string path, bool withFqn)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var nodes = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        foreach (var section in new[] { "nodes", "unit_tests", "sources" })
            if (root.TryGetProperty(section, out var items))
                foreach (var item in items.EnumerateObject())
                    nodes[item.Name] = Node(item.Value, withFqn);
        var metadata = root.GetProperty("metadata");
        var schema = Text(metadata, "dbt_schema_version") ?? "";
        return new DbtManifest(
            path,
            new ManifestMetadata(schema, int.Parse(schema.Split("/v")[^1].TrimEnd(".json".ToCharArray())), Text(metadata, "dbt_version"),
                Text(metadata, "invocation_id"), null, Text(metadata, "project_name"), Text(metadata, "adapter_type")),
            nodes,
            Map(root, "parent_map"),
            Map(root, "child_map"));
    }

    private static ManifestNode Node(JsonElement json, bool withFqn)
    {
        var config = json.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        return new ManifestNode
        {
            UniqueId = Text(json, "unique_id")!,
            ResourceType = Text(json, "resource_type")!,
            Name = Text(json, "name")!,
            PackageName = Text(json, "package_name") ?? "",
            Path = Text(json, "path") ?? "",
            OriginalFilePath = Text(json, "original_file_path") ?? "",
            PatchPath = Text(json, "patch_path"),
            Materialized = config.ValueKind == JsonValueKind.Object ? Text(config, "materialized") : null,
            Tags = Strings(json, "tags"),
            DependsOnNodes = json.TryGetProperty("depends_on", out var d) ? Strings(d, "nodes") : [],
            Version = Text(json, "version"),
            LatestVersion = Text(json, "latest_version"),
            Access = Text(json, "access"),
            Group = Text(json, "group") ?? (config.ValueKind == JsonValueKind.Object ? Text(config, "group") : null),
            Test = json.TryGetProperty("test_metadata", out var t) && t.ValueKind == JsonValueKind.Object
                ? new TestMetadata(Text(t, "name")!, Text(json, "column_name"), Text(json, "attached_node"))
                : null,
            ConfigMeta = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("meta", out var meta) ? meta.Clone() : null,
            Fqn = withFqn ? Strings(json, "fqn") : [],
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> Map(JsonElement root, string name) =>
        root.TryGetProperty(name, out var map)
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlyList<string>)p.Value.EnumerateArray().Select(e => e.GetString()!).ToList(), StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static List<string> Strings(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(e => e.GetString()!).ToList()
            : [];
}
