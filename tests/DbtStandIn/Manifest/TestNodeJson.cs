using System.Text.Json.Nodes;
using DbtStandIn.Project;

namespace DbtStandIn.Manifest;

/// <summary>A generic data test node, shaped like dbt-core 1.10's (audit schema, test_metadata, attached_node).</summary>
public static class TestNodeJson
{
    public static JsonObject Create(DbtProject project, DataTestNode test, RunContext context, string? compiledCode)
    {
        var alias = DataTestFactory.ShortAlias(test);
        var relationName = alias ?? test.Name;
        return new JsonObject
        {
            ["database"] = project.Target.Database,
            ["schema"] = $"{project.Target.Schema}_dbt_test__audit",
            ["name"] = test.Name,
            ["resource_type"] = "test",
            ["package_name"] = project.Name,
            ["path"] = relationName + ".sql",
            ["original_file_path"] = test.OriginalFilePath,
            ["unique_id"] = test.UniqueId,
            ["fqn"] = ManifestWriter.Strings(test.Fqn),
            ["alias"] = relationName,
            ["checksum"] = new JsonObject { ["name"] = "none", ["checksum"] = "" },
            ["config"] = Config(alias),
            ["tags"] = new JsonArray(),
            ["description"] = "",
            ["columns"] = new JsonObject(),
            ["meta"] = new JsonObject(),
            ["group"] = null,
            ["docs"] = new JsonObject { ["show"] = true, ["node_color"] = null },
            ["patch_path"] = null,
            ["build_path"] = null,
            ["unrendered_config"] = alias is null ? new JsonObject() : new JsonObject { ["alias"] = alias },
            ["created_at"] = context.UnixSeconds(),
            ["relation_name"] = null,
            ["raw_code"] = $"{{{{ test_{test.TestName}(**_dbt_generic_test_kwargs) }}}}",
            ["doc_blocks"] = new JsonArray(),
            ["language"] = "sql",
            ["refs"] = new JsonArray(test.Parents.Select(p => (JsonNode?)new JsonObject { ["name"] = p.Name, ["package"] = null, ["version"] = null }).ToArray()),
            ["sources"] = new JsonArray(),
            ["metrics"] = new JsonArray(),
            ["depends_on"] = new JsonObject
            {
                ["macros"] = ManifestWriter.Strings([$"macro.dbt.test_{test.TestName}", "macro.dbt.get_where_subquery"]),
                ["nodes"] = ManifestWriter.Strings(test.DependsOn),
            },
            ["compiled_path"] = compiledCode is null ? null : $"target/compiled/{project.Name}/{test.OriginalFilePath}/{relationName}.sql",
            ["compiled"] = compiledCode is not null,
            ["compiled_code"] = compiledCode,
            ["extra_ctes_injected"] = compiledCode is not null,
            ["extra_ctes"] = new JsonArray(),
            ["contract"] = new JsonObject { ["enforced"] = false, ["alias_types"] = true, ["checksum"] = null },
            ["column_name"] = test.ColumnName,
            ["file_key_name"] = $"{(test.Attached.IsModel ? "models" : "seeds")}.{test.Attached.Name}",
            ["attached_node"] = test.Attached.UniqueId,
            ["test_metadata"] = new JsonObject
            {
                ["name"] = test.TestName,
                ["kwargs"] = Kwargs(test),
                ["namespace"] = null,
            },
        };
    }

    private static JsonObject Kwargs(DataTestNode test)
    {
        var kwargs = (JsonObject)test.Arguments.DeepClone();
        kwargs["column_name"] = test.ColumnName;
        kwargs["model"] = $"{{{{ get_where_subquery(ref('{test.Attached.Name}')) }}}}";
        return kwargs;
    }

    private static JsonObject Config(string? alias) => new()
    {
        ["enabled"] = true, ["alias"] = alias, ["schema"] = "dbt_test__audit", ["database"] = null,
        ["tags"] = new JsonArray(), ["meta"] = new JsonObject(), ["group"] = null, ["materialized"] = "test",
        ["severity"] = "ERROR", ["store_failures"] = null, ["store_failures_as"] = null, ["where"] = null,
        ["limit"] = null, ["fail_calc"] = "count(*)", ["warn_if"] = "!= 0", ["error_if"] = "!= 0",
    };
}
