using ReverseEtlDbt.Artifacts;
using Xunit;

namespace ReverseEtlDbt.Tests.Artifacts;

/// <summary>Every real manifest under shared/fixtures reads, and its counts match the fixtures README.</summary>
public sealed class ManifestFixtureTests
{
    public static IEnumerable<object[]> AllManifests() =>
        TestPaths.AllManifests().Append([Path.Combine("..", "run_results", "v6_adinsight_manifest.json")]);

    // file, schema number, dbt_version, adapter, models, tests, enforced contracts, models with meta, typed columns, versioned models
    public static TheoryData<string, int, string, string, int, int, int, int, int, int> ReadmeTable => new()
    {
        { "v7_fivetran_shopify.json", 7, "1.3.1", "bigquery", 91, 101, 0, 0, 0, 0 },
        { "v8_jaffle_shop.json", 8, "1.4.1", "bigquery", 5, 20, 0, 0, 0, 0 },
        { "v9_jaffle_shop.json", 9, "1.5.0rc1", "bigquery", 34, 21, 0, 7, 161, 0 },
        { "v10_dbt_bouncer.json", 10, "1.6.0", "duckdb", 27, 61, 2, 8, 17, 0 },
        { "v10_jaffle_shop_model_versions.json", 10, "1.6.1", "postgres", 7, 24, 0, 0, 0, 5 },
        { "v11_jaffle_shop.json", 11, "1.7.0", "bigquery", 35, 20, 0, 8, 164, 0 },
        { "v11_dbt_bouncer.json", 11, "1.7.0", "duckdb", 31, 67, 3, 11, 26, 2 },
        { "v12_dbt_bouncer_1_10.json", 12, "1.10.22", "duckdb", 39, 65, 4, 14, 35, 3 },
        { "v12_dbt_bouncer_1_12.json", 12, "1.12.2", "duckdb", 39, 65, 4, 14, 35, 3 },
        { "v12_jaffle_shop_snowflake_contracts.json", 12, "1.11.11", "snowflake", 15, 29, 4, 3, 30, 0 },
        { "v12_dbt_fusion_2_0_bouncer.json", 12, "2.0.0-beta.2", "duckdb", 38, 65, 4, 13, 35, 3 },
        { "v12_cosmos_downstream_crossproject.json", 12, "1.9.0", "postgres", 14, 4, 0, 0, 0, 0 },
        { "../run_results/v6_adinsight_manifest.json", 12, "1.9.4", "snowflake", 2, 10, 0, 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(AllManifests))]
    public void Every_fixture_manifest_reads_without_error(string file)
    {
        var manifest = ManifestReader.Read(TestPaths.Manifest(file));

        Assert.InRange(manifest.Metadata.SchemaVersionNumber, 4, 12);
        Assert.Contains("/manifest/", manifest.Metadata.SchemaVersion);
        Assert.NotNull(manifest.Metadata.GeneratedAt);
        Assert.NotNull(manifest.Metadata.InvocationId);
        Assert.NotEmpty(manifest.Nodes);
        Assert.NotEmpty(manifest.ParentMap);
        Assert.NotEmpty(manifest.ChildMap);
        Assert.All(manifest.Nodes, kv => Assert.Equal(kv.Key, kv.Value.UniqueId));
    }

    [Theory]
    [MemberData(nameof(AllManifests))]
    public async Task Async_read_gives_the_same_nodes_as_sync_read(string file)
    {
        var path = TestPaths.Manifest(file);
        var sync = ManifestReader.Read(path);
        var async = await ManifestReader.ReadAsync(path, CancellationToken.None);

        Assert.Equal(sync.Metadata, async.Metadata);
        Assert.Equal(sync.Nodes.Keys.Order(StringComparer.Ordinal), async.Nodes.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ReadmeTable))]
    public void Fixture_counts_match_the_fixtures_readme(
        string file, int schema, string dbtVersion, string adapter,
        int models, int tests, int enforced, int withMeta, int typedColumns, int versioned)
    {
        var manifest = ManifestReader.Read(TestPaths.Manifest(file));
        var modelNodes = manifest.Nodes.Values.Where(n => n.ResourceType == "model").ToList();

        Assert.Equal(schema, manifest.Metadata.SchemaVersionNumber);
        Assert.Equal(dbtVersion, manifest.Metadata.DbtVersion);
        Assert.Equal(adapter, manifest.Metadata.AdapterType);
        Assert.Equal(models, modelNodes.Count);
        Assert.Equal(tests, manifest.Nodes.Values.Count(n => n.ResourceType == "test"));
        Assert.Equal(enforced, modelNodes.Count(n => n.Contract.Enforced));
        Assert.Equal(withMeta, modelNodes.Count(n => n.Meta is not null));
        Assert.Equal(withMeta, modelNodes.Count(n => n.ConfigMeta is not null));
        Assert.Equal(typedColumns, modelNodes.Sum(n => n.Columns.Count(c => c.DataType is not null)));
        Assert.Equal(versioned, modelNodes.Count(n => n.Version is not null));
    }

    [Theory]
    [InlineData("v7_fivetran_shopify.json", null)]
    [InlineData("v8_jaffle_shop.json", null)]
    [InlineData("v9_jaffle_shop.json", null)]
    [InlineData("v10_dbt_bouncer.json", "dbt_bouncer_test_project")]
    [InlineData("v12_cosmos_downstream_crossproject.json", "downstream")]
    public void Project_name_is_read_from_v10_and_absent_before(string file, string? projectName) =>
        Assert.Equal(projectName, ManifestReader.Read(TestPaths.Manifest(file)).Metadata.ProjectName);

    [Fact]
    public void Enforced_contract_models_declare_a_type_for_every_column()
    {
        foreach (var file in TestPaths.AllManifests().Select(f => (string)f[0]))
        {
            var manifest = ManifestReader.Read(TestPaths.Manifest(file));
            foreach (var model in manifest.Nodes.Values.Where(n => n.Contract.Enforced))
                Assert.All(model.Columns, c => Assert.False(string.IsNullOrEmpty(c.DataType), $"{file} {model.UniqueId}.{c.Name}"));
        }
    }
}
