using ReverseEtlDbt.Selection;
using Xunit;

namespace ReverseEtlDbt.Tests.Selection;

public class SetOperationSelectionTests
{
    [Fact]
    public void Space_separated_terms_select_the_union()
    {
        Assert.Equal([Selected.Id("orders"), Selected.Id("stg_customers")], Selected.By("orders stg_customers"));
    }

    [Fact]
    public void Repeated_select_arguments_are_one_union()
    {
        var spec = SelectionParser.ParseUnion(["orders", "stg_customers"], IndirectSelection.Empty);

        var selected = NodeSelector.Select(FixtureManifest.Load(Selected.Bouncer), spec, null);

        Assert.Equal(Selected.By("orders stg_customers"), Selected.Sorted(selected));
    }

    [Fact]
    public void Comma_joined_terms_select_the_intersection()
    {
        // The seeds among the ancestors of orders (ExpectedGraphSets.OrdersAncestors).
        Assert.Equal(
            ["seed.dbt_bouncer_test_project.raw_orders", "seed.dbt_bouncer_test_project.raw_payments"],
            Selected.By("+orders,resource_type:seed"));
    }

    [Fact]
    public void Intersection_and_union_combine_within_one_select()
    {
        Assert.Equal(
            [Selected.Id("stg_customers"), "seed.dbt_bouncer_test_project.raw_orders", "seed.dbt_bouncer_test_project.raw_payments"],
            Selected.By("+orders,resource_type:seed stg_customers"));
    }

    [Fact]
    public void Exclude_removes_what_it_selects()
    {
        Assert.Equal(
            [Selected.Id("orders"), Selected.Id("stg_orders"), Selected.Id("stg_payments")],
            Selected.By("+orders", exclude: "resource_type:seed"));
    }

    [Fact]
    public void Exclude_without_select_starts_from_every_node()
    {
        var selected = Selected.By(select: null, exclude: "package:tiktok_ads");

        Assert.Equal(ExpectedGraphSets.AllGraphNodes - ExpectedMethodSets.TiktokPackageCount, selected.Length);
        Assert.DoesNotContain(selected, id => id.Contains(".tiktok_ads.", StringComparison.Ordinal));
    }

    [Fact]
    public void Exclude_of_a_model_also_excludes_its_eagerly_selected_tests()
    {
        var selected = Selected.By("+orders", exclude: "orders", mode: IndirectSelection.Eager);

        Assert.Equal(ExpectedGraphSets.OrdersAncestorsWithoutOrders, selected);
    }

    [Fact]
    public void Nothing_matching_selects_nothing_and_is_reported_as_unmatched()
    {
        var spec = SelectionParser.ParseUnion("+orders tag:crm,no_such_model+")!;

        Assert.Empty(Selected.By("no_such_model"));
        Assert.Equal(["no_such_model+"], NodeSelector.UnmatchedTerms(FixtureManifest.Load(Selected.Bouncer), spec));
    }
}
