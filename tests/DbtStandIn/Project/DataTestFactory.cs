using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DbtStandIn.Cli;

namespace DbtStandIn.Project;

/// <summary>
/// Turns the <c>data_tests:</c> (or older <c>tests:</c>) of YAML columns into test nodes, named as dbt names them
/// (<c>unique_customer_health_customer_id</c>, <c>relationships_..._customer_id__ref_customer_health_</c>).
/// </summary>
public static partial class DataTestFactory
{
    private static readonly HashSet<string> Supported = ["unique", "not_null", "accepted_values", "relationships"];

    [GeneratedRegex("[^0-9a-zA-Z_]+")]
    private static partial Regex NonWord();

    [GeneratedRegex("""ref\(\s*['"](?<name>[^'"]+)['"]\s*\)""")]
    private static partial Regex RefCall();

    public static IEnumerable<DataTestNode> Create(string project, ProjectNode node, JsonObject entry, string ymlFile, IReadOnlyList<ProjectNode> all)
    {
        foreach (var column in (entry["columns"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var columnName = column["name"]?.ToString() ?? "";
            foreach (var test in (column["data_tests"] ?? column["tests"]) as JsonArray ?? [])
                yield return Build(project, node, columnName, test, ymlFile, all);
        }
    }

    private static DataTestNode Build(string project, ProjectNode node, string column, JsonNode? test, string ymlFile, IReadOnlyList<ProjectNode> all)
    {
        var (testName, arguments) = test is JsonObject one && one.Count == 1
            ? (one.First().Key, Arguments(one.First().Value))
            : (test?.ToString() ?? "", new JsonObject());
        if (!Supported.Contains(testName))
            throw new UsageException($"Compilation Error\n  dbt-standin does not know the generic test '{testName}' ({ymlFile}, {node.Name}.{column}).");
        var parents = new List<ProjectNode> { node };
        if (arguments["to"]?.ToString() is { } to)
        {
            var refName = RefCall().Match(to).Groups["name"].Value;
            parents.Add(all.FirstOrDefault(n => n.Name == refName)
                ?? throw new UsageException($"Compilation Error\n  Test on {node.Name}.{column} refers to '{refName}' which was not found."));
        }
        var name = TestName(testName, node.Name, column, arguments);
        var folders = Path.GetDirectoryName(ymlFile)!.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        var hash = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(name + arguments.ToJsonString())))[..10];
        return new DataTestNode
        {
            Name = name, UniqueId = $"test.{project}.{name}.{hash}", TestName = testName, ColumnName = column,
            Attached = node, Arguments = arguments, OriginalFilePath = ymlFile,
            Fqn = [project, .. folders, name], Parents = parents,
        };
    }

    /// <summary>Arguments from <c>{values: [...]}</c> or dbt 1.10's <c>{arguments: {values: [...]}}</c>; config keys dropped.</summary>
    private static JsonObject Arguments(JsonNode? value)
    {
        var source = value?["arguments"] as JsonObject ?? value as JsonObject ?? [];
        var result = new JsonObject();
        foreach (var (key, v) in source)
            if (key is not ("config" or "severity" or "where" or "name" or "arguments")) result[key] = v?.DeepClone();
        return result;
    }

    private static string TestName(string test, string model, string column, JsonObject arguments)
    {
        var parts = arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Value is JsonArray list
            ? string.Join("__", list.Select(v => Clean(v?.ToString() ?? "")))
            : Clean(a.Value?.ToString() ?? ""));
        return string.Join("__", new[] { $"{test}_{model}_{column}" }.Concat(parts));
    }

    private static string Clean(string value) => NonWord().Replace(value, "_");

    /// <summary>dbt shortens test relation names of 64 characters or more: <c>{test}_{model}_{md5}</c>.</summary>
    public static string? ShortAlias(DataTestNode test) => test.Name.Length < 64 ? null
        : $"{test.TestName}_{test.Attached.Name}_{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(test.Name)))}";
}
