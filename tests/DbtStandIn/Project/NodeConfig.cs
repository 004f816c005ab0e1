using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DbtStandIn.Project;

/// <summary>
/// Applies configuration to a node the way dbt layers it: dbt_project.yml folders, then the YAML
/// <c>config:</c> block, then <c>{{ config(...) }}</c> in the SQL. Tags accumulate, meta merges, the rest is replaced.
/// </summary>
public static partial class NodeConfig
{
    private static readonly HashSet<string> ConfigKeys = ["materialized", "tags", "meta", "contract", "column_types", "enabled", "schema", "docs"];

    [GeneratedRegex(@"\{\{\s*config\((?<args>.*?)\)\s*\}\}", RegexOptions.Singleline)]
    private static partial Regex ConfigCall();

    [GeneratedRegex(@"(?<key>\w+)\s*=\s*(?:['""](?<str>[^'""]*)['""]|\[(?<list>[^\]]*)\]|(?<bool>true|false|True|False))")]
    private static partial Regex ConfigArgument();

    public static void Apply(ProjectNode node, string key, JsonNode? value)
    {
        key = key.TrimStart('+');
        node.UnrenderedConfig[key] = value?.DeepClone();
        switch (key)
        {
            case "materialized": node.Materialized = value?.ToString() ?? node.Materialized; break;
            case "tags":
                var tags = value is JsonArray list ? list.Select(t => t?.ToString() ?? "") : [value?.ToString() ?? ""];
                foreach (var tag in tags) if (!node.Tags.Contains(tag)) node.Tags.Add(tag);
                break;
            case "meta" when value is JsonObject meta:
                foreach (var (k, v) in meta) node.Meta[k] = v?.DeepClone();
                break;
            case "contract" when value is JsonObject contract:
                node.ContractEnforced = contract["enforced"]?.GetValue<bool>() ?? node.ContractEnforced;
                break;
            case "column_types" when value is JsonObject types:
                foreach (var (k, v) in types) node.ColumnTypes[k] = v?.DeepClone();
                break;
        }
    }

    /// <summary>Walks <c>models: project: folder: ...</c> in dbt_project.yml down the node's folders.</summary>
    public static void ApplyProjectFolders(ProjectNode node, JsonObject? tree)
    {
        var level = tree;
        var folders = node.Fqn.Skip(1).Take(node.Fqn.Count - 2).ToList();
        for (var depth = 0; level is not null; depth++)
        {
            foreach (var (key, value) in level)
                if (IsConfig(key, value)) Apply(node, key, value);
            level = depth < folders.Count ? level[folders[depth]] as JsonObject : null;
        }
    }

    /// <summary>Reads the simple forms of <c>{{ config(materialized='table', tags=['a']) }}</c>.</summary>
    public static void ApplySqlConfig(ProjectNode node)
    {
        foreach (Match call in ConfigCall().Matches(node.RawCode))
            foreach (Match arg in ConfigArgument().Matches(call.Groups["args"].Value))
            {
                JsonNode? value = arg.Groups["str"].Success ? JsonValue.Create(arg.Groups["str"].Value)
                    : arg.Groups["bool"].Success ? JsonValue.Create(bool.Parse(arg.Groups["bool"].Value))
                    : new JsonArray(arg.Groups["list"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries)
                        .Select(s => (JsonNode?)JsonValue.Create(s.Trim().Trim('\'', '"'))).ToArray());
                Apply(node, arg.Groups["key"].Value, value);
            }
    }

    /// <summary>The SQL without its <c>config()</c> calls.</summary>
    public static string StripConfig(string sql) => ConfigCall().Replace(sql, "");

    private static bool IsConfig(string key, JsonNode? value) =>
        key.StartsWith('+') || (ConfigKeys.Contains(key) && (value is not JsonObject || key is "meta" or "contract" or "column_types" or "docs"));
}
