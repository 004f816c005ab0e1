using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Dbt;
using ReverseEtlDbt.Tests.Builders;
using Xunit;

namespace ReverseEtlDbt.Tests.Build;

/// <summary>Which synced models one dbt build built and tested cleanly, from hand-made run_results.</summary>
public sealed class BuildSelectionTests
{
    private const string Customers = "model.shop.customers";
    private const string Orders = "model.shop.orders";
    private const string Unique = "test.shop.unique_customers_id.abc";
    private const string NotNull = "test.shop.not_null_customers_id.abc";

    private static readonly DbtManifest Manifest = new ManifestBuilder()
        .Model("customers", m => m.Key("id").Test("unique", "id").Test("not_null", "id"))
        .Model("orders", m => m.Key("id"))
        .Build();

    [Fact]
    public void Model_built_with_passing_tests_can_sync()
    {
        var verdict = Judge(Results(("success", Customers), ("pass", Unique), ("pass", NotNull)));

        Assert.Equal(ModelBuildState.Passed, verdict.State);
        Assert.True(verdict.CanSync);
        Assert.False(verdict.IsFailure);
    }

    [Fact]
    public void Warning_test_counts_as_passed_as_in_dbt()
    {
        var verdict = Judge(Results(("success", Customers), ("warn", Unique), ("pass", NotNull)));

        Assert.True(verdict.CanSync);
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("error")]
    [InlineData("skipped")]
    public void Failing_errored_or_skipped_test_blocks_the_model_and_is_named(string status)
    {
        var verdict = Judge(Results(("success", Customers), (status, Unique), ("pass", NotNull)));

        Assert.Equal(ModelBuildState.TestsFailed, verdict.State);
        Assert.True(verdict.IsFailure);
        Assert.Equal([new BlockingTest(Unique, status)], verdict.BlockingTests);
        Assert.Contains($"{Unique} ({status})", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("skipped")]
    public void Model_that_errored_or_was_skipped_in_this_run_failed(string status)
    {
        var verdict = Judge(Results((status, Customers), ("skipped", Unique), ("skipped", NotNull)));

        Assert.Equal(ModelBuildState.Failed, verdict.State);
        Assert.True(verdict.IsFailure);
        Assert.Empty(verdict.BlockingTests);
        Assert.Contains($"'{status}'", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_absent_from_run_results_was_not_built()
    {
        var verdict = Judge(Results(("success", Orders)));

        Assert.Equal(ModelBuildState.NotBuilt, verdict.State);
        Assert.False(verdict.CanSync);
        Assert.False(verdict.IsFailure);
    }

    [Fact]
    public void Results_of_an_older_invocation_mean_nothing_was_built_in_this_run()
    {
        var older = Results(("success", Customers), ("pass", Unique), ("pass", NotNull)) with { InvocationId = "inv-0" };

        var verdict = Judge(older);

        Assert.Equal(ModelBuildState.NotBuilt, verdict.State);
        Assert.Contains("inv-0", verdict.Reason, StringComparison.Ordinal);
        Assert.False(BuildSelection.IsFrom(older, Manifest));
    }

    [Fact]
    public void No_run_results_means_not_built()
    {
        Assert.Equal(ModelBuildState.NotBuilt, BuildSelection.Judge(Manifest, null, Customers).State);
    }

    [Fact]
    public void Test_not_run_in_this_invocation_does_not_block()
    {
        Assert.True(Judge(Results(("success", Customers), ("pass", NotNull))).CanSync);
    }

    [Fact]
    public void Skipped_test_attached_to_another_model_does_not_block()
    {
        var relationships = new ManifestNode
        {
            UniqueId = "test.shop.relationships_orders_customer_id.abc", ResourceType = "test", Name = "relationships_orders_customer_id",
            DependsOnNodes = [Customers, Orders], Test = new TestMetadata("relationships", "customer_id", Orders),
        };
        var manifest = Manifest with { Nodes = Manifest.Nodes.Values.Append(relationships).ToDictionary(n => n.UniqueId) };
        var results = Results(("success", Customers), ("pass", Unique), ("pass", NotNull), ("error", Orders), ("skipped", relationships.UniqueId));

        Assert.True(BuildSelection.Judge(manifest, results, Customers).CanSync);
        var failing = results with { Results = [.. results.Results.SkipLast(1), Result("fail", relationships.UniqueId)] };
        Assert.Equal(ModelBuildState.TestsFailed, BuildSelection.Judge(manifest, failing, Customers).State);
    }

    [Fact]
    public void Failing_unit_test_that_made_dbt_skip_the_model_is_a_test_failure()
    {
        var unitTest = new ManifestNode
        {
            UniqueId = "unit_test.shop.customers.test_scores", ResourceType = "unit_test", Name = "test_scores",
            DependsOnNodes = [Customers], Test = new TestMetadata("test_scores", null, Customers),
        };
        var manifest = Manifest with { Nodes = Manifest.Nodes.Values.Append(unitTest).ToDictionary(n => n.UniqueId) };

        var verdict = BuildSelection.Judge(manifest, Results(("fail", unitTest.UniqueId), ("skipped", Customers), ("skipped", Unique)), Customers);

        Assert.Equal(ModelBuildState.TestsFailed, verdict.State);
        Assert.Equal([new BlockingTest(unitTest.UniqueId, "fail")], verdict.BlockingTests);
    }

    [Fact]
    public void Verdicts_cover_each_model_once()
    {
        var verdicts = BuildSelection.Judge(Manifest, Results(("success", Customers), ("fail", Unique)), [Customers, Orders, Customers]);

        Assert.Equal(ModelBuildState.TestsFailed, verdicts[Customers].State);
        Assert.Equal(ModelBuildState.NotBuilt, verdicts[Orders].State);
        Assert.Equal(2, verdicts.Count);
    }

    [Theory]
    [InlineData(new[] { "error", "skipped" }, false)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "error", "success" }, true)]
    [InlineData(new[] { "skipped", "pass" }, true)]
    public void Built_anything_means_some_node_neither_errored_nor_was_skipped(string[] statuses, bool expected)
    {
        var results = Results(statuses.Select((s, i) => (s, $"model.shop.m{i}")).ToArray());

        Assert.Equal(expected, BuildSelection.BuiltAnything(results));
    }

    private static ModelBuildVerdict Judge(RunResults results) => BuildSelection.Judge(Manifest, results, Customers);

    private static RunResults Results(params (string Status, string UniqueId)[] results) =>
        new("target/run_results.json", "https://schemas.getdbt.com/dbt/run-results/v6.json", "1.10.13", "inv-1", null, "build",
            results.Select(r => Result(r.Status, r.UniqueId)).ToList());

    private static RunResult Result(string status, string uniqueId) => new(uniqueId, status, 0.1, null, null, null);
}
