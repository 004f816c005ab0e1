using ReverseEtlDbt.Selection;
using Xunit;

namespace ReverseEtlDbt.Tests.Selection;

public class IndirectSelectionTests
{
    private const string Snowflake = "v12_jaffle_shop_snowflake_contracts.json";

    [Fact]
    public void Eager_mode_is_the_default_and_adds_every_test_touching_a_selected_model()
    {
        var spec = SelectionParser.ParseUnion("orders");

        var selected = NodeSelector.Select(FixtureManifest.Load(Selected.Bouncer), spec);

        Assert.Equal(ExpectedGraphSets.OrdersWithTests, Selected.Sorted(selected));
    }

    [Fact]
    public void Eager_mode_adds_unit_tests_of_the_model()
    {
        Assert.Contains("unit_test.dbt_bouncer_test_project.orders.test_amount_logic", Selected.By("orders", mode: IndirectSelection.Eager));
    }

    [Fact]
    public void Cautious_mode_skips_tests_with_an_unselected_parent()
    {
        Assert.Equal(ExpectedGraphSets.OrdersWithCautiousTests, Selected.By("orders", mode: IndirectSelection.Cautious));
    }

    [Fact]
    public void Cautious_mode_admits_a_test_once_a_union_selects_all_its_parents()
    {
        const string relationships = "test.dbt_bouncer_test_project.relationships_orders_customer_id_fk__customer_id_pk__ref_customers_.c4baa7acc1";

        Assert.DoesNotContain(relationships, Selected.By("orders", mode: IndirectSelection.Cautious));
        Assert.DoesNotContain(relationships, Selected.By("customers.v3", mode: IndirectSelection.Cautious));
        Assert.Contains(relationships, Selected.By("orders customers.v3", mode: IndirectSelection.Cautious));
    }

    [Fact]
    public void Buildable_mode_admits_tests_whose_other_parents_are_upstream()
    {
        // relationships(order_items -> orders): order_items is upstream of orders, so buildable takes it and cautious does not.
        Assert.Equal(ExpectedGraphSets.SnowflakeOrdersCautious, Selected.By("orders", mode: IndirectSelection.Cautious, manifest: Snowflake));
        Assert.Equal(ExpectedGraphSets.SnowflakeOrdersBuildable, Selected.By("orders", mode: IndirectSelection.Buildable, manifest: Snowflake));
    }

    [Fact]
    public void Empty_mode_selects_no_tests()
    {
        Assert.Equal([Selected.Id("orders")], Selected.By("orders", mode: IndirectSelection.Empty));
    }

    [Fact]
    public void Caller_override_gives_the_pure_node_set_of_an_eager_spec()
    {
        var eagerSpec = SelectionParser.ParseUnion("orders");

        var pure = NodeSelector.Select(FixtureManifest.Load(Selected.Bouncer), eagerSpec, indirectSelection: IndirectSelection.Empty);

        Assert.Equal([Selected.Id("orders")], pure);
    }

    [Fact]
    public void Tests_of_ancestors_join_when_ancestors_are_selected()
    {
        var selected = Selected.By("+orders", mode: IndirectSelection.Eager);

        Assert.Contains("test.dbt_bouncer_test_project.unique_stg_orders_order_id.e3b841c71a", selected);
        Assert.Contains("test.dbt_bouncer_test_project.unique_stg_payments_payment_id.3744510712", selected);
    }
}
