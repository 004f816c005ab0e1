using ReverseEtlDbt.Artifacts;
using Xunit;

namespace ReverseEtlDbt.Tests.Artifacts;

/// <summary><see cref="DbtManifest.TestsOf"/> finds data tests and unit tests, with what each checks.</summary>
public sealed class ManifestTestsOfTests
{
    private static DbtManifest Read(string file) => ManifestReader.Read(TestPaths.Manifest(file));

    [Fact]
    public void Tests_of_a_model_name_their_test_and_column()
    {
        var tests = Read("v12_dbt_bouncer_1_12.json").TestsOf("model.dbt_bouncer_test_project.orders").ToList();
        var checks = tests.Where(t => t.ResourceType == "test").Select(t => (t.Test!.Name, t.Test.ColumnName)).ToList();

        Assert.Contains(("unique", "order_id_pk"), checks);
        Assert.Contains(("not_null", "order_id_pk"), checks);
        Assert.Contains(("accepted_values", "status"), checks);
        Assert.Equal(10, checks.Count);
        Assert.All(tests, t => Assert.Equal("model.dbt_bouncer_test_project.orders", t.Test!.AttachedNode));
    }

    [Theory]
    [InlineData("v12_dbt_bouncer_1_12.json")]
    [InlineData("v12_dbt_fusion_2_0_bouncer.json")]
    [InlineData("v12_dbt_bouncer_1_10.json")]
    public void Unit_tests_are_nodes_found_among_the_tests_of_their_model(string file)
    {
        var manifest = Read(file);

        var unitTest = Assert.Single(manifest.TestsOf("model.dbt_bouncer_test_project.orders"), t => t.ResourceType == "unit_test");
        Assert.Equal("test_amount_logic", unitTest.Name);
        Assert.Contains("model.dbt_bouncer_test_project.orders", unitTest.DependsOnNodes);
        Assert.Equal("model.dbt_bouncer_test_project.orders", unitTest.Test!.AttachedNode);
        Assert.Equal(4, manifest.Nodes.Values.Count(n => n.ResourceType == "unit_test"));
    }

    [Fact]
    public void Unit_tests_are_found_even_when_child_map_omits_them()
    {
        var manifest = Read("v12_dbt_bouncer_1_12.json");
        var withoutUnitTests = manifest.ChildMap.ToDictionary(
            kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Where(id => !id.StartsWith("unit_test.", StringComparison.Ordinal)).ToList());

        var tests = (manifest with { ChildMap = withoutUnitTests }).TestsOf("model.dbt_bouncer_test_project.orders");

        Assert.Contains(tests, t => t.UniqueId == "unit_test.dbt_bouncer_test_project.orders.test_amount_logic");
    }

    [Fact]
    public void Versioned_unit_test_is_attached_to_its_version()
    {
        var manifest = Read("v12_dbt_fusion_2_0_bouncer.json");

        var unitTest = manifest.Nodes["unit_test.dbt_bouncer_test_project.customers.test_clv_logic_historical.v2"];
        Assert.Equal("model.dbt_bouncer_test_project.customers.v2", unitTest.Test!.AttachedNode);
    }

    [Fact]
    public void Tests_written_before_attached_node_existed_are_attached_through_their_ref()
    {
        var manifest = Read("v8_jaffle_shop.json");

        var tests = manifest.TestsOf("model.jaffle_shop.customers").ToDictionary(t => t.Test!.Name);
        Assert.Equal(["not_null", "relationships", "unique"], tests.Keys.Order());
        Assert.Equal("model.jaffle_shop.customers", tests["unique"].Test!.AttachedNode);
        Assert.Equal("customer_id", tests["unique"].Test!.ColumnName);
        Assert.Equal("model.jaffle_shop.orders", tests["relationships"].Test!.AttachedNode);
    }

    [Fact]
    public void A_model_without_tests_has_none()
    {
        var manifest = Read("v8_jaffle_shop.json");

        Assert.Empty(manifest.TestsOf("model.jaffle_shop.does_not_exist"));
    }
}
