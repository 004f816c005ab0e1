using ReverseEtlDbt.Selection;
using Xunit;

namespace ReverseEtlDbt.Tests.Selection;

public sealed class SelectorsFileTests : IDisposable
{
    private readonly string _projectDir = Directory.CreateTempSubdirectory("retl-selectors-").FullName;

    public void Dispose() => Directory.Delete(_projectDir, recursive: true);

    private SelectorsFile Write(string yaml)
    {
        File.WriteAllText(Path.Combine(_projectDir, "selectors.yml"), yaml);
        return SelectorsFile.Load(_projectDir);
    }

    private static string[] Run(SelectorsFile file, string name, IndirectSelection? mode = IndirectSelection.Empty) =>
        Selected.Sorted(NodeSelector.Select(FixtureManifest.Load(Selected.Bouncer), file.Resolve(name), indirectSelection: mode));

    [Fact]
    public void Cli_string_definition_selects_like_the_select_flag()
    {
        var file = Write("selectors:\n  - name: crm\n    definition: 'tag:crm'\n");

        Assert.Equal(Selected.By("tag:crm"), Run(file, "crm"));
    }

    [Fact]
    public void Key_value_definition_is_a_method_and_value()
    {
        var file = Write("selectors:\n  - name: seeds\n    definition:\n      resource_type: seed\n");

        Assert.Equal(Selected.By("resource_type:seed"), Run(file, "seeds"));
    }

    [Fact]
    public void Full_definition_maps_graph_keys_to_operators()
    {
        var file = Write("""
            selectors:
              - name: near_customers
                definition:
                  method: fqn
                  value: customers.v3
                  parents: true
                  parents_depth: 1
              - name: around_payments
                definition:
                  method: fqn
                  value: stg_payments
                  childrens_parents: true
            """);

        Assert.Equal(ExpectedGraphSets.CustomersV3OneGenerationUp, Run(file, "near_customers"));
        Assert.Equal(ExpectedGraphSets.ChildrensParentsOfStgPayments, Run(file, "around_payments"));
    }

    [Fact]
    public void Union_with_an_exclude_item_removes_it_from_the_union()
    {
        var file = Write("""
            selectors:
              - name: upstream_models
                definition:
                  union:
                    - '+orders'
                    - method: tag
                      value: crm
                    - exclude:
                        - resource_type: seed
            """);

        Assert.Equal(Selected.By("+orders tag:crm", exclude: "resource_type:seed"), Run(file, "upstream_models"));
    }

    [Fact]
    public void Intersection_and_method_level_exclude_compose()
    {
        var file = Write("""
            selectors:
              - name: upstream_seeds
                definition:
                  intersection:
                    - '+orders'
                    - method: resource_type
                      value: seed
                      exclude:
                        - 'raw_orders'
            """);

        Assert.Equal(["seed.dbt_bouncer_test_project.raw_payments"], Run(file, "upstream_seeds"));
    }

    [Fact]
    public void Selector_method_reuses_another_selector_defined_later()
    {
        var file = Write("""
            selectors:
              - name: finance_without_seeds
                definition:
                  union:
                    - method: selector
                      value: finance
                    - exclude: ['resource_type:seed']
              - name: finance
                definition: '+orders'
            """);

        Assert.Equal([Selected.Id("orders"), Selected.Id("stg_orders"), Selected.Id("stg_payments")], Run(file, "finance_without_seeds"));
    }

    [Fact]
    public void Indirect_selection_key_sets_the_mode_of_that_criteria()
    {
        var file = Write("""
            selectors:
              - name: orders_cautious
                definition:
                  method: fqn
                  value: orders
                  indirect_selection: cautious
            """);

        Assert.Equal(ExpectedGraphSets.OrdersWithCautiousTests, Run(file, "orders_cautious", mode: null));
    }

    [Fact]
    public void Default_selector_applies_only_without_select_or_exclude()
    {
        // The selector the dbt_bouncer fixture project itself declares (manifest "selectors" section).
        var file = Write("""
            selectors:
              - name: nodes_to_exclude
                default: true
                definition:
                  method: package
                  value: dbt_bouncer_test_project
            """);

        Assert.Equal("nodes_to_exclude", file.Default?.Name);
        Assert.Same(file.Default!.Definition, new SelectionRequest().Resolve(file).Select);
        Assert.Equal("orders", Assert.IsType<SelectionCriteria>(new SelectionRequest { Select = ["orders"] }.Resolve(file).Select).Value);
        Assert.Null(new SelectionRequest { Exclude = ["orders"] }.Resolve(file).Select);
    }

    [Fact]
    public void Selector_flag_resolves_the_named_selector()
    {
        var file = Write("selectors:\n  - name: crm\n    definition: 'tag:crm'\n");

        var (select, exclude) = new SelectionRequest { Selector = "crm" }.Resolve(file);

        Assert.Same(file.Resolve("crm"), select);
        Assert.Null(exclude);
    }

    [Fact]
    public void Unknown_selector_name_lists_the_available_ones()
    {
        var file = Write("selectors:\n  - name: crm\n    definition: 'tag:crm'\n  - name: all_seeds\n    definition: 'resource_type:seed'\n");

        var error = Assert.Throws<SelectionException>(() => new SelectionRequest { Selector = "nightly" }.Resolve(file));

        Assert.Equal("Selector 'nightly' not found. Available selectors: all_seeds, crm.", error.Message);
    }

    [Fact]
    public void Project_without_selectors_file_has_no_selectors()
    {
        var file = SelectorsFile.Load(_projectDir);

        Assert.Empty(file.Selectors);
        Assert.Null(file.Default);
        Assert.Contains("defines no selectors", Assert.Throws<SelectionException>(() => file.Resolve("x")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("selectors:\n  - name: a\n    definition: 'tag:a'\n    default: true\n  - name: b\n    definition: 'tag:b'\n    default: true\n", "only one selector can be 'default: true'")]
    [InlineData("selectors:\n  - name: a\n    definition: 'tag:a'\n  - name: a\n    definition: 'tag:b'\n", "selector 'a' is defined twice")]
    [InlineData("selectors:\n  - name: a\n", "selector 'a' has no 'definition'")]
    [InlineData("selectors:\n  - definition: 'tag:a'\n", "every selector needs a 'name'")]
    [InlineData("selectors:\n  - name: a\n    definition:\n      method: selector\n      value: a\n", "selector 'a' refers to itself")]
    [InlineData("selectors:\n  - name: a\n    definition:\n      method: selector\n      value: zzz\n", "refers to selector 'zzz', which is not defined")]
    [InlineData("selectors:\n  - name: a\n    definition:\n      method: colour\n      value: red\n", "selector 'a': Invalid selector 'colour:red': 'colour' is not a valid method name")]
    [InlineData("selectors:\n  - name: a\n    definition:\n      method: tag\n      value: x\n      parents: maybe\n", "selector 'a': 'parents' must be true or false")]
    [InlineData("selectors:\n  - name: a\n    definition:\n      method: tag\n      value: x\n      childrens_parents: true\n      children: true\n", "'childrens_parents' cannot be combined")]
    [InlineData("selectors:\n  - name: a\n    definition:\n      union: ['tag:a', {exclude: ['tag:b']}, {exclude: ['tag:c']}]\n", "only one 'exclude' item")]
    [InlineData("selectors:\n  - name: a\n    definition:\n      method: tag\n      value: x\n      depth: 2\n", "unknown key 'depth'")]
    [InlineData("selectors:\n  - name: a\n    definition: 'tag:a'\n    default: \"{{ target.name == 'prod' }}\"\n", "Jinja is not supported")]
    [InlineData("selectors: [\n", "not valid YAML")]
    [InlineData("nodes: []\n", "expected a top-level 'selectors:' list")]
    public void Malformed_selectors_file_is_reported_with_file_and_selector(string yaml, string problem)
    {
        var error = Assert.Throws<SelectionException>(() => Write(yaml));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("selectors.yml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Selector_cannot_be_combined_with_select()
    {
        var file = Write("selectors:\n  - name: crm\n    definition: 'tag:crm'\n");

        var error = Assert.Throws<SelectionException>(() => new SelectionRequest { Selector = "crm", Select = ["orders"] }.Resolve(file));

        Assert.Contains("cannot be combined with --select", error.Message, StringComparison.Ordinal);
    }
}
