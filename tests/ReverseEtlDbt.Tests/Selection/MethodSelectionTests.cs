using ReverseEtlDbt.Selection;
using Xunit;

namespace ReverseEtlDbt.Tests.Selection;

public class MethodSelectionTests
{
    [Fact]
    public void Tag_selects_nodes_carrying_the_tag()
    {
        Assert.Equal(ExpectedMethodSets.TagCrm, Selected.By("tag:crm"));
    }

    [Fact]
    public void Tag_selects_sources_too()
    {
        Assert.All(Selected.By("tag:example_tag"), id => Assert.StartsWith("source.", id, StringComparison.Ordinal));
        Assert.Equal(3, Selected.By("tag:example_tag").Length);
    }

    [Fact]
    public void Tag_value_may_be_a_wildcard()
    {
        Assert.Equal(ExpectedMethodSets.TagCritical, Selected.By("tag:crit*"));
        Assert.Equal(ExpectedMethodSets.TagCritical, Selected.By("tag:critical"));
    }

    [Fact]
    public void Path_to_a_folder_selects_everything_defined_under_it()
    {
        Assert.Equal(ExpectedMethodSets.PathStagingCrm, Selected.By("path:models/staging/crm"));
        Assert.Equal(ExpectedMethodSets.PathStagingCrm, Selected.By("path:models/staging/crm/"));
    }

    [Fact]
    public void Bare_value_with_a_slash_is_a_path()
    {
        Assert.Equal(ExpectedMethodSets.PathStagingCrm, Selected.By("models/staging/crm"));
    }

    [Fact]
    public void Path_glob_matches_files_and_yaml_patches()
    {
        Assert.Equal(ExpectedMethodSets.PathStagingYamlFiles, Selected.By("path:models/staging/*/_*.yml"));
    }

    [Fact]
    public void Path_to_a_file_selects_the_node_defined_in_it()
    {
        Assert.Equal([Selected.Id("orders")], Selected.By("path:models/marts/finance/orders.sql"));
    }

    [Fact]
    public void Bare_file_name_with_extension_selects_by_file_name()
    {
        Assert.Equal([Selected.Id("orders")], Selected.By("orders.sql"));
        Assert.Equal([Selected.Id("py_order_stats")], Selected.By("py_order_stats.py"));
    }

    [Fact]
    public void Config_materialized_selects_by_materialization()
    {
        Assert.Equal(
            [Selected.Id("int_disabled_model"), Selected.Id("int_model_1"), Selected.Id("stg_raw_orders_for_snapshot")],
            Selected.By("config.materialized:ephemeral"));
        Assert.Equal([Selected.Id("int_incremental")], Selected.By("config.materialized:incremental"));
    }

    [Fact]
    public void Config_meta_key_selects_by_meta_value()
    {
        Assert.Equal([Selected.Id("metricflow_time_spine")], Selected.By("config.meta.maturity:experimental"));
    }

    [Fact]
    public void Resource_type_selects_one_kind_of_node()
    {
        Assert.Equal(
            ["seed.dbt_bouncer_test_project.raw_customers", "seed.dbt_bouncer_test_project.raw_orders", "seed.dbt_bouncer_test_project.raw_payments"],
            Selected.By("resource_type:seed"));
    }

    [Fact]
    public void Package_selects_every_node_of_the_package_including_sources()
    {
        var selected = Selected.By("package:tiktok_ads");

        Assert.Equal(ExpectedMethodSets.TiktokPackageCount, selected.Length);
        Assert.Equal(9, selected.Count(id => id.StartsWith("source.tiktok_ads.", StringComparison.Ordinal)));
        Assert.All(selected, id => Assert.Equal("tiktok_ads", id.Split('.')[1]));
    }

    [Fact]
    public void Dotted_bare_name_is_an_fqn_prefix()
    {
        Assert.Equal(ExpectedMethodSets.FqnStagingCrm, Selected.By("staging.crm"));
        Assert.Equal(ExpectedMethodSets.FqnStagingCrm, Selected.By("fqn:dbt_bouncer_test_project.staging.crm"));
    }

    [Fact]
    public void Wildcard_in_a_bare_name_is_matched_against_the_dotted_fqn()
    {
        Assert.Equal(ExpectedMethodSets.TmpSuffixed, Selected.By("*_tmp"));
        // dbt fnmatches from the wildcard part to the end of the fqn, so a leading name pattern misses nested models.
        Assert.Empty(Selected.By("stg_tiktok_ads__*_tmp"));
        Assert.Equal(ExpectedMethodSets.TmpSuffixed, Selected.By("staging.tmp.stg_tiktok_ads__*_tmp"));
    }

    [Fact]
    public void Access_selects_models_by_access_level()
    {
        Assert.Equal(ExpectedMethodSets.PublicModels, Selected.By("access:public"));
    }

    [Fact]
    public void Test_name_and_test_type_select_tests()
    {
        Assert.Equal(ExpectedMethodSets.RelationshipsTests, Selected.By("test_name:relationships"));
        Assert.Equal(["test.dbt_bouncer_test_project.test_assert_something"], Selected.By("test_type:singular"));
        Assert.Equal(4, Selected.By("test_type:unit").Length);
    }

    [Fact]
    public void Source_method_matches_source_and_table_names()
    {
        Assert.Equal(["source.dbt_bouncer_test_project.dummy_source.customers"], Selected.By("source:dummy_source"));
        Assert.Equal(["source.tiktok_ads.tiktok_ads.location"], Selected.By("source:tiktok_ads.location"));
        Assert.Equal(2, Selected.By("source:dbt_bouncer_test_project.sources_that_dont_really_exist.source_*").Length);
    }

    [Fact]
    public void Source_plus_selects_models_reading_from_it()
    {
        Assert.Contains(Selected.Id("stg_customers"), Selected.By("source:dummy_source+"));
    }

    [Fact]
    public void Exposure_and_metric_methods_select_graph_only_nodes()
    {
        Assert.Equal(["exposure.dbt_bouncer_test_project.customers"], Selected.By("exposure:customers"));
        Assert.Equal(["metric.dbt_bouncer_test_project.total_order_amount"], Selected.By("metric:dbt_bouncer_test_project.total_*"));
    }

    [Fact]
    public void Approximated_fqn_selects_like_the_manifest_fqn()
    {
        var withoutFqn = FixtureManifest.Load(Selected.Bouncer, withFqn: false);

        foreach (var select in new[] { "staging.crm", "*_tmp", "customers", "customers.v2", "marts.finance.*" })
        {
            var spec = SelectionParser.ParseUnion(select, IndirectSelection.Empty);
            Assert.Equal(Selected.By(select), Selected.Sorted(NodeSelector.Select(withoutFqn, spec)));
        }
    }
}
