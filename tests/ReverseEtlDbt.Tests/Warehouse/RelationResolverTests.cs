using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Warehouse;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse;

public sealed class RelationResolverTests
{
    private static ManifestNode Model(string name = "customer_health") =>
        new() { UniqueId = $"model.shop.{name}", ResourceType = "model", Name = name };

    [Theory]
    [InlineData("\"dev\".\"main\".\"customer_health\"", "dev", "main", "customer_health")]
    [InlineData("\"analytics\".\"customer_health\"", null, "analytics", "customer_health")]
    [InlineData("dev.main.customer_health", "dev", "main", "customer_health")]
    [InlineData("main.customer_health", null, "main", "customer_health")]
    [InlineData("\"my.db\".\"Odd \"\"Schema\"\"\".\"T\"", "my.db", "Odd \"Schema\"", "T")]
    public void Relation_name_is_parsed_quoted_or_bare_with_two_or_three_parts(string relationName, string? database, string schema, string identifier)
    {
        var relation = RelationResolver.Resolve(Model() with { RelationName = relationName });

        Assert.Equal(new RelationName(database, schema, identifier), relation);
    }

    [Fact]
    public void Without_relation_name_database_schema_and_alias_are_used()
    {
        var node = Model() with { Database = "warehouse", Schema = "marts", Alias = "health" };

        Assert.Equal(new RelationName("warehouse", "marts", "health"), RelationResolver.Resolve(node));
    }

    [Fact]
    public void Without_alias_the_model_name_is_the_identifier()
    {
        Assert.Equal(new RelationName(null, "marts", "customer_health"), RelationResolver.Resolve(Model() with { Schema = "marts" }));
    }

    [Fact]
    public void Versioned_model_without_alias_is_name_v_version()
    {
        var node = Model("dim_customers") with { Database = "dev", Schema = "main", Version = "2" };

        Assert.Equal(new RelationName("dev", "main", "dim_customers_v2"), RelationResolver.Resolve(node));
    }

    [Fact]
    public void Versioned_model_keeps_an_explicit_alias()
    {
        var node = Model("dim_customers") with { Schema = "main", Version = "2", Alias = "dim_customers" };

        Assert.Equal("dim_customers", RelationResolver.Resolve(node).Identifier);
    }

    [Fact]
    public void Ephemeral_model_has_no_relation()
    {
        var error = Assert.Throws<ArtifactException>(() => RelationResolver.Resolve(Model() with { Materialized = "ephemeral", Schema = "main" }));

        Assert.Contains("ephemeral", error.Message);
    }

    [Theory]
    [InlineData("customer_health")]
    [InlineData("a.b.c.d")]
    [InlineData("\"main\".\"unclosed")]
    [InlineData("main..x")]
    public void Unreadable_relation_names_are_rejected(string relationName)
    {
        Assert.Throws<ArtifactException>(() => RelationResolver.Parse(relationName));
    }
}
