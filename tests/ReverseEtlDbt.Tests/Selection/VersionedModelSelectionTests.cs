using Xunit;

namespace ReverseEtlDbt.Tests.Selection;

public class VersionedModelSelectionTests
{
    private const string Jaffle = "v10_jaffle_shop_model_versions.json";

    [Fact]
    public void Bare_model_name_selects_every_version()
    {
        Assert.Equal(ExpectedMethodSets.CustomersAllVersions, Selected.By("customers"));
        Assert.Equal(ExpectedMethodSets.JaffleStgCustomersVersions, Selected.By("stg_customers", manifest: Jaffle));
    }

    [Fact]
    public void Versioned_name_selects_one_version_with_dot_or_underscore()
    {
        Assert.Equal(ExpectedMethodSets.CustomersV2, Selected.By("customers.v2"));
        Assert.Equal(ExpectedMethodSets.CustomersV2, Selected.By("customers_v2"));
    }

    [Fact]
    public void Older_manifests_select_versions_the_same_way()
    {
        Assert.Equal(
            ["model.dbt_bouncer_test_project.customers.v1", "model.dbt_bouncer_test_project.customers.v2"],
            Selected.By("customers", manifest: "v11_dbt_bouncer.json"));
    }

    [Fact]
    public void Version_latest_old_and_prerelease_compare_with_latest_version()
    {
        Assert.Equal(ExpectedMethodSets.JaffleLatestVersions, Selected.By("version:latest", manifest: Jaffle));
        Assert.Equal(ExpectedMethodSets.JaffleOldVersions, Selected.By("version:old", manifest: Jaffle));
        Assert.Equal(ExpectedMethodSets.JafflePrereleaseVersions, Selected.By("version:prerelease", manifest: Jaffle));
    }

    [Fact]
    public void Version_number_selects_that_version_of_every_model()
    {
        Assert.Equal(
            ["model.jaffle_shop.customers.v1", "model.jaffle_shop.stg_customers.v1", "model.jaffle_shop.stg_orders.v1"],
            Selected.By("version:1", manifest: Jaffle));
    }

    [Fact]
    public void Version_latest_intersected_with_a_name_picks_the_current_version()
    {
        Assert.Equal([Selected.Id("customers.v3")], Selected.By("customers,version:latest"));
    }

    [Fact]
    public void Plus_on_a_bare_versioned_name_walks_from_every_version()
    {
        var selected = Selected.By("customers+");

        Assert.Contains("exposure.dbt_bouncer_test_project.customers", selected);
        Assert.Contains("unit_test.dbt_bouncer_test_project.customers.test_clv_logic_historical_v1", selected);
    }
}
