using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Xunit;

namespace ReverseEtlDbt.Tests.Example;

/// <summary>The example project, built by the dbt stand-in, behaves as dbt would for retl's purposes.</summary>
public sealed class DbtStandInTests
{
    private static readonly string[] Marts = ["customer_health", "account_tiers", "high_value_audience"];

    /// <summary>Keys that change on every invocation, or only after a build compiled the node.</summary>
    private static readonly HashSet<string> Volatile =
        ["generated_at", "invocation_id", "invocation_started_at", "created_at", "root_path", "compiled", "compiled_code", "compiled_path", "extra_ctes_injected"];

    [Fact]
    public void Committed_manifest_matches_what_parse_writes_from_the_yaml()
    {
        using var project = new ExampleProjectCopy();
        var run = DbtStandInProcess.Run(["parse", "--project-dir", project.Dir]);
        Assert.True(run.ExitCode == 0, run.Output);

        var committed = Load(Path.Combine(TestPaths.Example, "target", "manifest.json"));
        var parsed = Load(Path.Combine(project.Target, "manifest.json"));
        var (expected, actual) = (Normalised(committed), Normalised(parsed));
        const string Fix = "dbt_example/target is stale: dotnet run --project tests/DbtStandIn -- build --project-dir dbt_example --deterministic";
        var expectedNodes = expected["nodes"]!.AsObject();
        Assert.Equal(expectedNodes.Select(n => n.Key), actual["nodes"]!.AsObject().Select(n => n.Key));
        foreach (var (id, node) in expectedNodes)
            Assert.True(JsonNode.DeepEquals(node, actual["nodes"]![id]), $"{id} differs. {Fix}");
        Assert.True(JsonNode.DeepEquals(expected, actual), Fix);

        var committedResults = Load(Path.Combine(TestPaths.Example, "target", "run_results.json"));
        Assert.Equal(committed["metadata"]!["invocation_id"]!.GetValue<string>(), committedResults["metadata"]!["invocation_id"]!.GetValue<string>());
    }

    [Fact]
    public void Build_materialises_every_mart_into_duckdb()
    {
        using var project = new ExampleProjectCopy();
        var run = DbtStandInProcess.Run(["build", "--project-dir", project.Dir]);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Completed successfully", run.Output, StringComparison.Ordinal);

        using var connection = new DuckDBConnection($"Data Source={project.DuckDbFile}");
        connection.Open();
        foreach (var mart in Marts)
            Assert.True(Scalar(connection, $"select count(*) from main.{mart}") > 0, mart);
        Assert.True(Scalar(connection, "select count(distinct tier) from main.customer_health") > 1);

        var results = Load(Path.Combine(project.Target, "run_results.json"));
        Assert.All(Results(results), r => Assert.Contains(r["status"]!.GetValue<string>(), new[] { "success", "pass" }));
        Assert.Equal(Load(Path.Combine(project.Target, "manifest.json"))["metadata"]!["invocation_id"]!.GetValue<string>(),
            results["metadata"]!["invocation_id"]!.GetValue<string>());
    }

    [Fact]
    public void Failing_test_switch_reports_fail_in_run_results()
    {
        using var project = new ExampleProjectCopy();
        var run = DbtStandInProcess.Run(["build", "--project-dir", project.Dir],
            new Dictionary<string, string> { ["DBT_STANDIN_FAIL_TEST"] = "unique_customer_health_customer_id" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Completed with 1 error", run.Output, StringComparison.Ordinal);
        var results = Load(Path.Combine(project.Target, "run_results.json"));
        var failed = Result(results, "test.retl_example.unique_customer_health_customer_id.");
        Assert.Equal("fail", failed["status"]!.GetValue<string>());
        Assert.Equal(1, failed["failures"]!.GetValue<int>());
        Assert.Equal("success", Result(results, "model.retl_example.customer_health")["status"]!.GetValue<string>());
        Assert.Equal("skipped", Result(results, "model.retl_example.high_value_audience")["status"]!.GetValue<string>());
        Assert.Equal("success", Result(results, "model.retl_example.account_tiers")["status"]!.GetValue<string>());
    }

    [Fact]
    public void Failing_model_skips_its_children()
    {
        using var project = new ExampleProjectCopy();
        var run = DbtStandInProcess.Run(["build", "--project-dir", project.Dir],
            new Dictionary<string, string> { ["DBT_STANDIN_FAIL_MODEL"] = "customer_health" });

        Assert.Equal(1, run.ExitCode);
        var results = Load(Path.Combine(project.Target, "run_results.json"));
        Assert.Equal("error", Result(results, "model.retl_example.customer_health")["status"]!.GetValue<string>());
        Assert.Equal("skipped", Result(results, "model.retl_example.high_value_audience")["status"]!.GetValue<string>());
        Assert.Equal("skipped", Result(results, "test.retl_example.not_null_customer_health_customer_id.")["status"]!.GetValue<string>());
        Assert.Equal("success", Result(results, "model.retl_example.account_tiers")["status"]!.GetValue<string>());
    }

    [Fact]
    public void Exit_2_when_nothing_can_be_built()
    {
        using var project = new ExampleProjectCopy();
        var crash = DbtStandInProcess.Run(["build", "--project-dir", project.Dir], new Dictionary<string, string> { ["DBT_STANDIN_EXIT"] = "2" });
        Assert.Equal(2, crash.ExitCode);
        Assert.False(Directory.Exists(project.Target), "nothing may be written when the run cannot start");

        var missing = DbtStandInProcess.Run(["build", "--project-dir", Path.Combine(project.Dir, "no-such-dir")]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("dbt_project.yml", missing.Output, StringComparison.Ordinal);
        Assert.Equal(2, DbtStandInProcess.Run(["frobnicate", "--project-dir", project.Dir]).ExitCode);
    }

    [Fact]
    public void Arguments_are_logged_unchanged()
    {
        using var project = new ExampleProjectCopy();
        var log = Path.Combine(project.Dir, "args.jsonl");
        string[] args = ["build", "--project-dir", project.Dir, "--select", "+customer_health", "tag:marts", "--exclude", "account_tiers",
            "--vars", "{\"run_date\": \"2026-01-01\"}", "--full-refresh", "--no-partial-parse", "--target", "dev"];

        var run = DbtStandInProcess.Run(args, new Dictionary<string, string> { ["DBT_STANDIN_ARGS_LOG"] = log });

        Assert.True(run.ExitCode == 0, run.Output);
        var logged = File.ReadAllLines(log).Select(l => JsonSerializer.Deserialize<string[]>(l)).ToList();
        Assert.Equal(args, Assert.Single(logged));
        var built = Results(Load(Path.Combine(project.Target, "run_results.json"))).Select(r => r["unique_id"]!.GetValue<string>()).ToList();
        Assert.Contains("model.retl_example.customer_health", built);
        Assert.Contains("model.retl_example.stg_customers", built);
        Assert.DoesNotContain("model.retl_example.account_tiers", built);
        Assert.DoesNotContain("model.retl_example.stg_accounts", built);
    }

    private static JsonNode Load(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    private static IEnumerable<JsonNode> Results(JsonNode runResults) => runResults["results"]!.AsArray().Select(r => r!);

    private static JsonNode Result(JsonNode runResults, string uniqueIdPrefix) =>
        Assert.Single(Results(runResults), r => r["unique_id"]!.GetValue<string>().StartsWith(uniqueIdPrefix, StringComparison.Ordinal));

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static JsonNode Normalised(JsonNode node)
    {
        var copy = node.DeepClone();
        Strip(copy);
        return copy;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(Volatile.Contains).ToList()) obj.Remove(key);
                foreach (var (_, value) in obj) Strip(value);
                break;
            case JsonArray array:
                foreach (var item in array) Strip(item);
                break;
        }
    }
}
