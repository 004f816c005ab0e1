using ReverseEtlDbt.Selection;
using Xunit;

namespace ReverseEtlDbt.Tests.Selection;

public class SelectionParserTests
{
    [Fact]
    public void Bare_name_is_an_fqn_criteria_without_operators()
    {
        var criteria = SelectionParser.ParseCriteria("orders");

        Assert.Equal(SelectionMethod.Fqn, criteria.Method);
        Assert.Equal("orders", criteria.Value);
        Assert.False(criteria.Parents || criteria.Children || criteria.ChildrensParents);
    }

    [Fact]
    public void Plus_operators_with_depths_are_read_from_both_ends()
    {
        var criteria = SelectionParser.ParseCriteria("2+tag:nightly+3");

        Assert.Equal((SelectionMethod.Tag, "nightly"), (criteria.Method, criteria.Value));
        Assert.Equal((true, 2, true, 3), (criteria.Parents, criteria.ParentsDepth, criteria.Children, criteria.ChildrenDepth));
    }

    [Fact]
    public void Plus_without_a_number_means_unlimited_depth()
    {
        var criteria = SelectionParser.ParseCriteria("+orders+");

        Assert.Equal((true, (int?)null, true, (int?)null), (criteria.Parents, criteria.ParentsDepth, criteria.Children, criteria.ChildrenDepth));
    }

    [Fact]
    public void At_prefix_sets_childrens_parents()
    {
        Assert.True(SelectionParser.ParseCriteria("@orders").ChildrensParents);
    }

    [Fact]
    public void Config_method_keeps_its_dotted_key()
    {
        var criteria = SelectionParser.ParseCriteria("config.meta.owner:data");

        Assert.Equal(SelectionMethod.Config, criteria.Method);
        Assert.Equal(["meta", "owner"], criteria.MethodArguments);
        Assert.Equal("data", criteria.Value);
    }

    [Theory]
    [InlineData("models/staging", SelectionMethod.Path)]
    [InlineData("orders.sql", SelectionMethod.File)]
    [InlineData("schema.yml", SelectionMethod.File)]
    [InlineData("staging.crm", SelectionMethod.Fqn)]
    [InlineData("stg_*", SelectionMethod.Fqn)]
    public void Method_defaults_from_the_shape_of_the_value(string value, SelectionMethod expected)
    {
        Assert.Equal(expected, SelectionParser.ParseCriteria(value).Method);
    }

    [Fact]
    public void Spaces_make_a_union_and_commas_an_intersection()
    {
        var spec = SelectionParser.ParseUnion("  tag:a,+orders   b ");

        var union = Assert.IsType<SelectionUnion>(spec);
        Assert.Equal(2, union.Components.Count);
        var intersection = Assert.IsType<SelectionIntersection>(union.Components[0]);
        Assert.Equal(["tag:a", "+orders"], intersection.Components.Select(c => c.Raw));
    }

    [Fact]
    public void Blank_selection_parses_to_nothing()
    {
        Assert.Null(SelectionParser.ParseUnion(["", "   "]));
    }

    [Fact]
    public void Indirect_mode_is_carried_by_every_parsed_spec()
    {
        var spec = SelectionParser.ParseUnion("a b,c", IndirectSelection.Cautious);

        var union = Assert.IsType<SelectionUnion>(spec);
        Assert.All(union.Components, c => Assert.Equal(IndirectSelection.Cautious, c.IndirectSelection));
    }

    [Theory]
    [InlineData("nope:orders", "'nope' is not a valid method name")]
    [InlineData("state:modified", "not supported by retl")]
    [InlineData("@orders+", "'@' prefix cannot be combined with '+'")]
    [InlineData("@+orders", "'@' prefix cannot be combined with '+'")]
    [InlineData("tag:", "no value to select")]
    [InlineData("+", "no value to select")]
    [InlineData("a+b", "only allowed at the ends")]
    [InlineData("tag:a,,b", "empty part")]
    [InlineData("config:table", "'config' needs a key")]
    [InlineData("tag.x:a", "takes no '.x' argument")]
    [InlineData("99999999999+orders", "too large")]
    public void Bad_syntax_is_reported_with_the_offending_term(string term, string problem)
    {
        var error = Assert.Throws<SelectionException>(() => SelectionParser.ParseUnion("orders " + term));

        Assert.Contains($"'{term}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_method_values_are_reported_when_selecting()
    {
        var manifest = FixtureManifest.Load(Selected.Bouncer);

        var version = Assert.Throws<SelectionException>(() => NodeSelector.Select(manifest, SelectionParser.ParseUnion("version:newest")));
        var testType = Assert.Throws<SelectionException>(() => NodeSelector.Select(manifest, SelectionParser.ParseUnion("test_type:schemaish")));

        Assert.Contains("'version:newest'", version.Message, StringComparison.Ordinal);
        Assert.Contains("'test_type:schemaish'", testType.Message, StringComparison.Ordinal);
        Assert.Contains("'models' is not a dbt resource type", Assert.Throws<SelectionException>(
            () => NodeSelector.Select(manifest, SelectionParser.ParseUnion("resource_type:models"))).Message, StringComparison.Ordinal);
    }
}
