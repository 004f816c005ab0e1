using ReverseEtlDbt.Selection;
using Xunit;

namespace ReverseEtlDbt.Tests.Selection;

public class GraphOperatorSelectionTests
{
    [Fact]
    public void Bare_model_name_selects_only_that_model()
    {
        Assert.Equal([Selected.Id("orders")], Selected.By("orders"));
    }

    [Fact]
    public void Plus_prefix_adds_every_ancestor()
    {
        Assert.Equal(ExpectedGraphSets.OrdersAncestors, Selected.By("+orders"));
    }

    [Fact]
    public void Plus_suffix_adds_every_descendant_including_tests_exposures_and_metrics()
    {
        Assert.Equal(ExpectedGraphSets.OrdersDescendants, Selected.By("orders+"));
    }

    [Fact]
    public void Numbered_prefix_limits_ancestors_to_that_many_generations()
    {
        Assert.Equal(ExpectedGraphSets.CustomersV3OneGenerationUp, Selected.By("1+customers.v3"));
        Assert.Equal(ExpectedGraphSets.CustomersV3TwoGenerationsUp, Selected.By("2+customers.v3"));
        Assert.Equal(ExpectedGraphSets.CustomersV3AllAncestors, Selected.By("+customers.v3"));
    }

    [Fact]
    public void Numbered_suffix_limits_descendants_to_that_many_generations()
    {
        var oneGeneration = Selected.By("stg_orders+1");

        Assert.Equal(ExpectedGraphSets.StgOrdersOneGenerationDown, oneGeneration);
        Assert.True(Selected.By("stg_orders+").Length > oneGeneration.Length);
    }

    [Fact]
    public void At_prefix_adds_descendants_and_every_ancestor_of_them()
    {
        var selected = Selected.By("@stg_payments");

        Assert.Equal(ExpectedGraphSets.ChildrensParentsOfStgPayments, selected);
        // stg_customers is neither upstream nor downstream of stg_payments: only '@' reaches it, through customers.
        Assert.Contains(Selected.Id("stg_customers"), selected);
        Assert.DoesNotContain(Selected.Id("stg_customers"), Selected.By("+stg_payments+"));
    }

    [Fact]
    public void Zero_depth_adds_no_neighbours()
    {
        Assert.Equal([Selected.Id("orders")], Selected.By("0+orders+0"));
    }

    [Fact]
    public void No_select_selects_every_node_of_the_graph()
    {
        Assert.Equal(ExpectedGraphSets.AllGraphNodes, Selected.By(select: null).Length);
    }

    [Fact]
    public void Graph_walks_stop_at_ids_missing_from_the_graph()
    {
        var manifest = FixtureManifest.Load(Selected.Bouncer);

        var selected = NodeSelector.Select(manifest, SelectionParser.ParseUnion("+orders+"), null);

        Assert.All(selected, id => Assert.True(manifest.Nodes.ContainsKey(id) || manifest.ParentMap.ContainsKey(id)));
    }
}
