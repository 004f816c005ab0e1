using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DbtStandIn.Project;

namespace DbtStandIn.Manifest;

/// <summary>Model and seed nodes of the manifest, with the keys and key order of dbt-core 1.10.</summary>
public sealed class NodeJsonFactory(DbtProject project, RunContext context)
{
    public JsonObject Model(ProjectNode model, string? compiledCode)
    {
        var node = Head(model);
        node["language"] = "sql";
        node["refs"] = new JsonArray(model.Refs.Select(r => (JsonNode?)new JsonObject { ["name"] = r, ["package"] = null, ["version"] = null }).ToArray());
        node["sources"] = new JsonArray();
        node["metrics"] = new JsonArray();
        node["depends_on"] = new JsonObject { ["macros"] = new JsonArray(), ["nodes"] = ManifestWriter.Strings(model.DependsOn) };
        node["compiled_path"] = compiledCode is null ? null : $"target/compiled/{project.Name}/{model.OriginalFilePath}";
        node["compiled"] = compiledCode is not null;
        node["compiled_code"] = compiledCode;
        node["extra_ctes_injected"] = compiledCode is not null;
        node["extra_ctes"] = new JsonArray();
        node["contract"] = new JsonObject { ["enforced"] = model.ContractEnforced, ["alias_types"] = true, ["checksum"] = ContractChecksum(model) };
        node["access"] = "protected";
        node["constraints"] = new JsonArray();
        node["version"] = null;
        node["latest_version"] = null;
        node["deprecation_date"] = null;
        node["primary_key"] = ManifestWriter.Strings(PrimaryKey(model));
        node["time_spine"] = null;
        return node;
    }

    public JsonObject Seed(ProjectNode seed)
    {
        var node = Head(seed);
        node["root_path"] = context.Deterministic ? "." : project.ProjectDir;
        node["depends_on"] = new JsonObject { ["macros"] = new JsonArray() };
        return node;
    }

    /// <summary>The keys models and seeds share, from <c>database</c> to <c>doc_blocks</c>.</summary>
    private JsonObject Head(ProjectNode n) => new()
    {
        ["database"] = project.Target.Database,
        ["schema"] = project.Target.Schema,
        ["name"] = n.Name,
        ["resource_type"] = n.ResourceType,
        ["package_name"] = project.Name,
        ["path"] = n.Path,
        ["original_file_path"] = n.OriginalFilePath,
        ["unique_id"] = n.UniqueId,
        ["fqn"] = ManifestWriter.Strings(n.Fqn),
        ["alias"] = n.Name,
        ["checksum"] = new JsonObject { ["name"] = "sha256", ["checksum"] = n.Checksum },
        ["config"] = Config(n),
        ["tags"] = ManifestWriter.Strings(n.Tags),
        ["description"] = n.Description,
        ["columns"] = Columns(n),
        ["meta"] = n.Meta.DeepClone(),
        ["group"] = null,
        ["docs"] = new JsonObject { ["show"] = true, ["node_color"] = null },
        ["patch_path"] = n.PatchPath,
        ["build_path"] = null,
        ["unrendered_config"] = n.UnrenderedConfig.DeepClone(),
        ["created_at"] = context.UnixSeconds(),
        ["relation_name"] = project.RelationName(n),
        ["raw_code"] = n.RawCode,
        ["doc_blocks"] = new JsonArray(),
    };

    private static JsonObject Config(ProjectNode n)
    {
        var config = new JsonObject
        {
            ["enabled"] = true, ["alias"] = null, ["schema"] = null, ["database"] = null,
            ["tags"] = ManifestWriter.Strings(n.Tags), ["meta"] = n.Meta.DeepClone(), ["group"] = null,
            ["materialized"] = n.Materialized, ["incremental_strategy"] = null, ["batch_size"] = null, ["lookback"] = 1,
            ["begin"] = null, ["persist_docs"] = new JsonObject(), ["post-hook"] = new JsonArray(), ["pre-hook"] = new JsonArray(),
            ["quoting"] = new JsonObject(), ["column_types"] = n.ColumnTypes.DeepClone(), ["full_refresh"] = null,
            ["unique_key"] = null, ["on_schema_change"] = "ignore", ["on_configuration_change"] = "apply",
            ["grants"] = new JsonObject(), ["packages"] = new JsonArray(),
            ["docs"] = new JsonObject { ["show"] = true, ["node_color"] = null },
            ["contract"] = new JsonObject { ["enforced"] = n.ContractEnforced, ["alias_types"] = true },
            ["event_time"] = null, ["concurrent_batches"] = null,
        };
        if (n.IsModel)
        {
            config["access"] = "protected";
            config["freshness"] = null;
        }
        else
        {
            config["delimiter"] = ",";
            config["quote_columns"] = null;
        }
        return config;
    }

    private static JsonObject Columns(ProjectNode n)
    {
        var columns = new JsonObject();
        foreach (var c in n.Columns)
            columns[c.Name] = new JsonObject
            {
                ["name"] = c.Name, ["description"] = c.Description, ["meta"] = c.Meta.DeepClone(), ["data_type"] = c.DataType,
                ["constraints"] = new JsonArray(c.Constraints.Select(k => (JsonNode?)Constraint(k)).ToArray()),
                ["quote"] = null,
                ["config"] = new JsonObject { ["meta"] = c.Meta.DeepClone(), ["tags"] = ManifestWriter.Strings(c.Tags) },
                ["tags"] = ManifestWriter.Strings(c.Tags), ["granularity"] = null, ["doc_blocks"] = new JsonArray(),
            };
        return columns;
    }

    private static JsonObject Constraint(JsonObject yaml) => new()
    {
        ["type"] = yaml["type"]?.DeepClone(),
        ["name"] = yaml["name"]?.DeepClone(),
        ["expression"] = yaml["expression"]?.DeepClone(),
        ["warn_unenforced"] = yaml["warn_unenforced"]?.DeepClone() ?? true,
        ["warn_unsupported"] = yaml["warn_unsupported"]?.DeepClone() ?? true,
        ["to"] = yaml["to"]?.DeepClone(),
        ["to_columns"] = yaml["to_columns"]?.DeepClone() ?? new JsonArray(),
    };

    /// <summary>dbt's rule: primary_key constraints, else columns with both <c>unique</c> and <c>not_null</c> tests.</summary>
    private List<string> PrimaryKey(ProjectNode model)
    {
        var constrained = model.Columns.Where(c => c.HasConstraint("primary_key")).Select(c => c.Name).ToList();
        if (constrained.Count > 0) return constrained;
        var tests = project.Tests.Where(t => t.Attached == model).ToList();
        return tests.Where(t => t.TestName == "unique").Select(t => t.ColumnName)
            .Where(c => tests.Any(t => t.TestName == "not_null" && t.ColumnName == c)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string? ContractChecksum(ProjectNode model) => !model.ContractEnforced ? null
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join(";", model.Columns.Select(c => $"{c.Name}:{c.DataType}")))));
}
