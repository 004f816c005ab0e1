using System.Text.Json;
using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Tests.Builders;

/// <summary>Builds small in-memory manifests so each test states only what it is about.</summary>
public sealed class ManifestBuilder
{
    public const string Project = "shop";
    private readonly List<ManifestNode> nodes = [];

    public ManifestBuilder Model(string name, Action<ModelBuilder> configure)
    {
        var model = new ModelBuilder(name);
        configure(model);
        nodes.Add(model.Build());
        nodes.AddRange(model.Tests());
        return this;
    }

    public DbtManifest Build()
    {
        var byId = nodes.ToDictionary(n => n.UniqueId);
        var children = nodes.SelectMany(n => n.DependsOnNodes.Select(parent => (parent, child: n.UniqueId)))
            .GroupBy(x => x.parent).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.child).ToList());
        var parents = nodes.ToDictionary(n => n.UniqueId, n => n.DependsOnNodes);
        return new DbtManifest("target/manifest.json",
            new ManifestMetadata("https://schemas.getdbt.com/dbt/manifest/v12.json", 12, "1.10.13", "inv-1", null, Project, "duckdb"),
            byId, parents, children);
    }
}

public sealed class ModelBuilder(string name)
{
    private readonly List<ManifestColumn> columns = [];
    private readonly List<(string Test, string Column)> tests = [];
    private bool enforced = true;
    private JsonElement? configMeta;
    private JsonElement? meta;
    private string patchPath = "shop://models/marts/_marts.yml";

    public string UniqueId => $"model.{ManifestBuilder.Project}.{name}";

    public ModelBuilder Column(string column, string? type = "varchar", bool pii = false, params string[] constraints)
    {
        columns.Add(new ManifestColumn
        {
            Name = column,
            DataType = type,
            Meta = pii ? Json("""{"pii": true}""") : Json("{}"),
            Constraints = constraints.Select(c => new ColumnConstraint(c)).ToList(),
        });
        return this;
    }

    public ModelBuilder Key(string column, string type = "integer") => Column(column, type, false, "not_null", "primary_key");

    public ModelBuilder Test(string test, string column)
    {
        tests.Add((test, column));
        return this;
    }

    public ModelBuilder NoContract()
    {
        enforced = false;
        return this;
    }

    public ModelBuilder PatchPath(string path)
    {
        patchPath = path;
        return this;
    }

    /// <summary>Sets <c>config.meta.sync</c> from JSON text.</summary>
    public ModelBuilder Sync(string syncJson)
    {
        configMeta = Json($$"""{"sync": {{syncJson}}}""");
        return this;
    }

    /// <summary>Sets the older node-level <c>meta.sync</c>.</summary>
    public ModelBuilder MetaSync(string syncJson)
    {
        meta = Json($$"""{"sync": {{syncJson}}}""");
        return this;
    }

    internal ManifestNode Build() => new()
    {
        UniqueId = UniqueId, ResourceType = "model", Name = name, PackageName = ManifestBuilder.Project,
        Database = "shop", Schema = "main", Alias = name, RelationName = $"\"shop\".\"main\".\"{name}\"",
        Path = $"marts/{name}.sql", OriginalFilePath = $"models/marts/{name}.sql", PatchPath = patchPath,
        Materialized = "table", Meta = meta ?? Json("{}"), ConfigMeta = configMeta ?? meta ?? Json("{}"),
        Contract = new ModelContract(enforced, true), Columns = columns,
    };

    internal IEnumerable<ManifestNode> Tests() => tests.Select(t => new ManifestNode
    {
        UniqueId = $"test.{ManifestBuilder.Project}.{t.Test}_{name}_{t.Column}.abc", ResourceType = "test",
        Name = $"{t.Test}_{name}_{t.Column}", PackageName = ManifestBuilder.Project,
        DependsOnNodes = [UniqueId], Test = new TestMetadata(t.Test, t.Column, UniqueId),
    });

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
