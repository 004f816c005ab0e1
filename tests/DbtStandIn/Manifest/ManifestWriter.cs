using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DbtStandIn.Project;

namespace DbtStandIn.Manifest;

/// <summary>Writes <c>target/manifest.json</c> in dbt 1.10's v12 shape: node keys in dbt-core's order, empty maps for what the stand-in does not model.</summary>
public sealed class ManifestWriter(DbtProject project, RunContext context)
{
    public const string DbtVersion = "1.10.13";
    public const string SchemaUrl = "https://schemas.getdbt.com/dbt/manifest/v12.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="path">Where to write (atomically).</param>
    /// <param name="compiled">Compiled SQL by unique id after a build; null after a parse.</param>
    public void Write(string path, IReadOnlyDictionary<string, string>? compiled)
    {
        var nodes = new JsonObject();
        var factory = new NodeJsonFactory(project, context);
        foreach (var seed in project.Seeds) nodes[seed.UniqueId] = factory.Seed(seed);
        foreach (var model in project.Models) nodes[model.UniqueId] = factory.Model(model, Compiled(compiled, model.UniqueId));
        foreach (var test in project.Tests) nodes[test.UniqueId] = TestNodeJson.Create(project, test, context, Compiled(compiled, test.UniqueId));
        var root = new JsonObject
        {
            ["metadata"] = Metadata(),
            ["nodes"] = nodes,
            ["sources"] = new JsonObject(), ["macros"] = new JsonObject(), ["docs"] = new JsonObject(),
            ["exposures"] = new JsonObject(), ["metrics"] = new JsonObject(), ["groups"] = new JsonObject(),
            ["selectors"] = new JsonObject(), ["disabled"] = new JsonObject(),
            ["parent_map"] = ParentMap(), ["child_map"] = ChildMap(),
            ["group_map"] = new JsonObject(), ["saved_queries"] = new JsonObject(),
            ["semantic_models"] = new JsonObject(), ["unit_tests"] = new JsonObject(),
        };
        AtomicFile.Write(path, root.ToJsonString(Indented) + "\n");
    }

    private JsonObject Metadata() => new()
    {
        ["dbt_schema_version"] = SchemaUrl,
        ["dbt_version"] = DbtVersion,
        ["generated_at"] = RunContext.Format(context.Now()),
        ["invocation_id"] = context.InvocationId,
        ["invocation_started_at"] = RunContext.Format(context.StartedAt),
        ["env"] = new JsonObject(),
        ["project_name"] = project.Name,
        ["project_id"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(project.Name))),
        ["user_id"] = null,
        ["send_anonymous_usage_stats"] = false,
        ["adapter_type"] = project.Target.Type,
        ["quoting"] = new JsonObject { ["database"] = true, ["schema"] = true, ["identifier"] = true, ["column"] = null },
    };

    private JsonObject ParentMap()
    {
        var map = new JsonObject();
        foreach (var node in project.Resources) map[node.UniqueId] = Strings(node.DependsOn);
        foreach (var test in project.Tests) map[test.UniqueId] = Strings(test.DependsOn);
        return map;
    }

    private JsonObject ChildMap()
    {
        var map = new JsonObject();
        foreach (var node in project.Resources) map[node.UniqueId] = Strings(project.Children(node.UniqueId));
        foreach (var test in project.Tests) map[test.UniqueId] = new JsonArray();
        return map;
    }

    private static string? Compiled(IReadOnlyDictionary<string, string>? compiled, string uniqueId) =>
        compiled is not null && compiled.TryGetValue(uniqueId, out var sql) ? sql : null;

    internal static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
