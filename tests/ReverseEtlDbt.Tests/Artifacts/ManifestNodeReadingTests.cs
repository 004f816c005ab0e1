using System.Text.Json;
using ReverseEtlDbt.Artifacts;
using Xunit;

namespace ReverseEtlDbt.Tests.Artifacts;

/// <summary>What the reader keeps of a node, checked on the real files where each feature first shows up.</summary>
public sealed class ManifestNodeReadingTests
{
    private static DbtManifest Read(string file) => ManifestReader.Read(TestPaths.Manifest(file));

    [Fact]
    public void Versioned_model_keeps_name_and_version()
    {
        var v2 = Read("v10_jaffle_shop_model_versions.json").Nodes["model.jaffle_shop.customers.v2"];

        Assert.Equal("customers", v2.Name);
        Assert.Equal("customers_v2", v2.Alias);
        Assert.Equal("2", v2.Version);
        Assert.Equal("2", v2.LatestVersion);
    }

    [Fact]
    public void String_versions_read_like_integer_versions()
    {
        var manifest = Read("v11_dbt_bouncer.json");

        Assert.Equal("1", manifest.Nodes["model.dbt_bouncer_test_project.customers.v1"].Version);
        Assert.Equal("2", manifest.Nodes["model.dbt_bouncer_test_project.customers.v1"].LatestVersion);
        Assert.Equal("public", manifest.Nodes["model.dbt_bouncer_test_project.customers.v2"].Access);
    }

    [Fact]
    public void Cross_project_nodes_keep_their_resource_type_despite_a_seed_prefix()
    {
        var manifest = Read("v12_cosmos_downstream_crossproject.json");
        var injected = manifest.Nodes.Values.Where(n => n.PackageName == "upstream").ToList();

        Assert.Equal(10, injected.Count);
        Assert.All(injected, n => Assert.Equal("model", n.ResourceType));
        Assert.Equal(4, injected.Count(n => n.UniqueId.StartsWith("seed.", StringComparison.Ordinal)));
        Assert.All(injected, n => Assert.Equal("", n.Path));
        Assert.DoesNotContain(manifest.RootModels, n => n.PackageName == "upstream");
        Assert.Equal(4, manifest.RootModels.Count());
    }

    [Fact]
    public void Fusion_empty_column_config_keeps_column_meta()
    {
        var manifest = Read("v12_dbt_fusion_2_0_bouncer.json");
        var emptyConfigColumns = ColumnsWithMetaButEmptyConfig(manifest.Path);

        Assert.Equal(36, emptyConfigColumns.Count);
        foreach (var (modelId, columnName, rawMeta) in emptyConfigColumns)
        {
            var meta = manifest.Nodes[modelId].Column(columnName)?.Meta;
            Assert.NotNull(meta);
            Assert.True(JsonElement.DeepEquals(rawMeta, meta.Value), $"{modelId}.{columnName}");
        }
    }

    // The oracle reads the raw file with a DOM: fine for a 1.6 MB fixture in a test.
    private static List<(string Model, string Column, JsonElement Meta)> ColumnsWithMetaButEmptyConfig(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("nodes").EnumerateObject()
            .Where(n => n.Value.GetProperty("resource_type").GetString() == "model")
            .SelectMany(n => n.Value.GetProperty("columns").EnumerateObject().Select(c => (Model: n.Name, Column: c)))
            .Where(x => x.Column.Value.GetProperty("meta").EnumerateObject().Any()
                && x.Column.Value.TryGetProperty("config", out var config) && !config.EnumerateObject().Any())
            .Select(x => (x.Model, x.Column.Name, x.Column.Value.GetProperty("meta").Clone()))
            .ToList();
    }

    [Fact]
    public void Columns_keep_yaml_order_types_and_constraints()
    {
        var model = Read("v12_jaffle_shop_snowflake_contracts.json").Nodes["model.jaffle_shop.dim_customer_segment"];

        Assert.Equal(["customer_id", "segment_code", "lifetime_order_count"], model.Columns.Select(c => c.Name));
        Assert.Equal(["text", "varchar", "bigint"], model.Columns.Select(c => c.DataType));
        Assert.Equal("not_null", Assert.Single(model.Columns[0].Constraints).Type);
        Assert.Empty(model.Columns[2].Constraints);
        Assert.Null(model.Columns[0].Meta);
    }

    [Fact]
    public void Model_level_composite_primary_key_is_read()
    {
        var model = Read("v12_jaffle_shop_snowflake_contracts.json").Nodes["model.jaffle_shop.dim_customer_segment"];

        var constraint = Assert.Single(model.Constraints);
        Assert.Equal("primary_key", constraint.Type);
        Assert.Equal("pk_dim_customer_segment", constraint.Name);
        Assert.Equal(["customer_id", "segment_code"], constraint.Columns!);
    }

    [Fact]
    public void Enforced_contract_and_node_fields_are_read()
    {
        var model = Read("v12_jaffle_shop_snowflake_contracts.json").Nodes["model.jaffle_shop.dim_customer_segment"];

        Assert.Equal(new ModelContract(true, true), model.Contract);
        Assert.Equal("table", model.Materialized);
        Assert.Equal("shaman.dummy.dim_customer_segment", model.RelationName);
        Assert.Equal(("shaman", "dummy", "dim_customer_segment"), (model.Database, model.Schema, model.Alias));
        Assert.Equal("models/marts/dim_customer_segment.sql", model.OriginalFilePath);
        Assert.Equal("jaffle_shop://models/marts/dim_customer_segment.yml", model.PatchPath);
        Assert.Equal("protected", model.Access);
        Assert.Equal("customer_segment", model.ConfigMeta?.GetProperty("label").GetString());
        Assert.Equal(["model.jaffle_shop.stg_customers", "model.jaffle_shop.stg_orders"], model.DependsOnNodes);
    }

    [Fact]
    public void Models_without_contract_get_the_default_contract()
    {
        var manifest = Read("v7_fivetran_shopify.json");

        Assert.All(manifest.Nodes.Values, n => Assert.Equal(ModelContract.None, n.Contract));
    }

    [Fact]
    public void Fusion_nine_digit_timestamp_is_read()
    {
        var generatedAt = Read("v12_dbt_fusion_2_0_bouncer.json").Metadata.GeneratedAt;

        Assert.Equal(new DateTimeOffset(2026, 8, 20, 13, 47, 12, TimeSpan.Zero).AddTicks(2744574), generatedAt);
    }

    [Fact]
    public void Parent_and_child_maps_are_read()
    {
        var manifest = Read("v12_dbt_bouncer_1_12.json");

        Assert.Contains("model.dbt_bouncer_test_project.orders", manifest.ParentMap["unit_test.dbt_bouncer_test_project.orders.test_amount_logic"]);
        Assert.Contains("unit_test.dbt_bouncer_test_project.orders.test_amount_logic", manifest.ChildMap["model.dbt_bouncer_test_project.orders"]);
    }
}
