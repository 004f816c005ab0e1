using ReverseEtlDbt.Artifacts;
using Xunit;

namespace ReverseEtlDbt.Tests.Artifacts;

/// <summary>Keys that a future (or past) dbt adds, drops or retypes do not break the read.</summary>
public sealed class ManifestToleranceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retl-artifacts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private DbtManifest ReadJson(string json)
    {
        var path = Path.Combine(_dir, "manifest.json");
        File.WriteAllText(path, json);
        return ManifestReader.Read(path);
    }

    [Fact]
    public void Minimal_manifest_reads_with_nulls_and_empty_lists()
    {
        var manifest = ReadJson("""{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v4.json"}}""");

        Assert.Equal(4, manifest.Metadata.SchemaVersionNumber);
        Assert.Null(manifest.Metadata.DbtVersion);
        Assert.Null(manifest.Metadata.GeneratedAt);
        Assert.Empty(manifest.Nodes);
        Assert.Empty(manifest.ParentMap);
    }

    [Fact]
    public void Unknown_keys_and_missing_optional_keys_are_ignored()
    {
        var manifest = ReadJson("""
            {"future_section": {"a": [1, {"b": null}]},
             "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v13.json", "generated_at": "not a date", "shiny": true},
             "nodes": {"model.p.m": {"resource_type": "model", "name": "m", "new_key": {"x": 1},
                                      "columns": {"id": {"data_type": "int", "meta": null, "constraints": [{"type": "not_null", "extra": 1}]}},
                                      "config": {"contract": {"enforced": true}, "meta": "not an object"},
                                      "version": 1.5},
                       "model.p.gone": null},
             "parent_map": {"model.p.m": null}}
            """);

        var node = Assert.Single(manifest.Nodes.Values);
        Assert.Equal("model.p.m", node.UniqueId);
        Assert.Null(manifest.Metadata.GeneratedAt);
        Assert.Equal(13, manifest.Metadata.SchemaVersionNumber);
        Assert.Equal("id", Assert.Single(node.Columns).Name);
        Assert.Equal("not_null", Assert.Single(node.Columns[0].Constraints).Type);
        Assert.Equal(new ModelContract(true, true), node.Contract);
        Assert.Null(node.ConfigMeta);
        Assert.Equal("1.5", node.Version);
        Assert.Empty(manifest.ParentMap["model.p.m"]);
        Assert.Null(node.Test);
    }

    [Fact]
    public void Column_config_meta_is_merged_into_column_meta()
    {
        var manifest = ReadJson("""
            {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"},
             "nodes": {"model.p.m": {"resource_type": "model", "name": "m",
                "columns": {"email": {"name": "email", "meta": {"pii": false, "owner": "crm"}, "config": {"meta": {"pii": true}, "tags": ["x"]}, "tags": ["y"]}}}}}
            """);

        var column = manifest.Nodes["model.p.m"].Columns[0];
        Assert.True(column.Meta!.Value.GetProperty("pii").GetBoolean());
        Assert.Equal("crm", column.Meta.Value.GetProperty("owner").GetString());
        Assert.Equal(["y", "x"], column.Tags);
    }

    [Fact]
    public void Test_column_falls_back_to_test_metadata_kwargs()
    {
        var manifest = ReadJson("""
            {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"},
             "nodes": {"model.p.m": {"resource_type": "model", "name": "m"},
                       "test.p.t": {"resource_type": "test", "name": "t", "depends_on": {"nodes": ["model.p.m"]},
                                    "test_metadata": {"name": "not_null", "kwargs": {"column_name": "id", "model": "{{ ref('m') }}"}}}}}
            """);

        Assert.Equal(new TestMetadata("not_null", "id", "model.p.m"), manifest.Nodes["test.p.t"].Test);
        Assert.Equal(["test.p.t"], manifest.TestsOf("model.p.m").Select(t => t.UniqueId));
    }
}
