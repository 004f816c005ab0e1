using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Tests.Builders;
using Xunit;

namespace ReverseEtlDbt.Tests.Definitions;

public class SyncDefinitionParserTests
{
    private static ParsedSync Parse(string sync, bool older = false)
    {
        var manifest = new ManifestBuilder().Model("customer_health", m =>
        {
            m.Key("customer_id").Column("email", pii: true).Column("health_score", "integer").Column("tier");
            if (older) m.MetaSync(sync); else m.Sync(sync);
        }).Build();
        return SyncDefinitionParser.Parse(manifest.Nodes["model.shop.customer_health"]);
    }

    [Fact]
    public void Design_example_parses_into_one_sync_with_its_mapping()
    {
        var (definition, diagnostics) = Parse(Syncs.HubSpotContacts);

        Assert.Empty(diagnostics);
        var sync = Assert.Single(definition!.Destinations);
        Assert.Equal("customer_health__hubspot__contacts", sync.Id);
        Assert.Equal(SyncMode.Upsert, sync.Mode);
        Assert.Equal(new MatchSpec("email", "email"), sync.Match);
        Assert.Equal([new FieldMapping("health_score", "churn_risk_score"), new FieldMapping("tier", "account_tier")], sync.Fields);
        Assert.Equal("customer", sync.Static["lifecycle_stage"].GetString());
        Assert.Equal(["email"], sync.AllowPii);
        Assert.Equal(["customer_id", "email", "health_score", "tier"], sync.Columns);
        Assert.Equal("models/marts/_marts.yml", sync.YamlFile);
    }

    [Fact]
    public void Older_meta_sync_is_read_when_config_meta_has_none()
    {
        var (definition, _) = Parse(Syncs.HubSpotContacts, older: true);

        Assert.Equal("contacts", Assert.Single(definition!.Destinations).Object);
    }

    [Fact]
    public void Config_meta_sync_wins_over_meta_sync()
    {
        var manifest = new ManifestBuilder().Model("m", m => m.Key("id")
            .MetaSync("""{"primary_key": "id", "destinations": [{"connection": "old", "object": "a"}]}""")
            .Sync("""{"primary_key": "id", "destinations": [{"connection": "new", "object": "b"}]}""")).Build();

        var (definition, _) = SyncDefinitionParser.Parse(manifest.Nodes["model.shop.m"]);

        Assert.Equal("new", Assert.Single(definition!.Destinations).Connection);
    }

    [Fact]
    public void Unknown_key_names_file_model_and_key_path_with_a_did_you_mean()
    {
        var (definition, diagnostics) = Parse("""
            {"primary_key": "customer_id",
             "destinations": [{"connection": "hubspot", "object": "contacts", "feilds": {"tier": "account_tier"}}]}
            """);

        Assert.Null(definition);
        var d = Assert.Single(diagnostics);
        Assert.Equal("unknown_key", d.Code);
        Assert.Equal("models/marts/_marts.yml", d.File);
        Assert.Equal("customer_health", d.Model);
        Assert.Equal("config.meta.sync.destinations[0].feilds", d.KeyPath);
        Assert.StartsWith("Did you mean 'fields'?", d.Hint);
    }

    [Fact]
    public void Invalid_mode_lists_the_valid_modes()
    {
        var (_, diagnostics) = Parse("""{"primary_key": "customer_id", "destinations": [{"connection": "h", "object": "c", "mode": "upsrt"}]}""");

        var d = Assert.Single(diagnostics);
        Assert.Equal("invalid_value", d.Code);
        Assert.Contains("upsert | update | insert | mirror", d.Message);
        Assert.StartsWith("Did you mean 'upsert'?", d.Hint);
    }

    [Fact]
    public void Every_problem_of_a_block_is_reported_together()
    {
        var (_, diagnostics) = Parse("""
            {"destinations": [{"object": "c", "mode": "sideways", "colour": "red"}, {"connection": "h"}], "extra": 1}
            """);

        Assert.Equal(
            ["config.meta.sync.destinations[0].colour", "config.meta.sync.destinations[0].connection",
             "config.meta.sync.destinations[0].mode", "config.meta.sync.destinations[1].object",
             "config.meta.sync.extra", "config.meta.sync.primary_key"],
            diagnostics.Select(d => d.KeyPath!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Empty_destinations_is_an_error()
    {
        var (_, diagnostics) = Parse("""{"primary_key": "customer_id", "destinations": []}""");

        Assert.Equal("config.meta.sync.destinations", Assert.Single(diagnostics).KeyPath);
    }

    [Fact]
    public void Explicit_id_replaces_the_default_and_must_be_a_plain_word()
    {
        var (ok, _) = Parse("""{"primary_key": "customer_id", "destinations": [{"id": "vip_contacts", "connection": "h", "object": "c"}]}""");
        var (_, bad) = Parse("""{"primary_key": "customer_id", "destinations": [{"id": "vip contacts!", "connection": "h", "object": "c"}]}""");

        Assert.Equal("vip_contacts", ok!.Destinations[0].Id);
        Assert.Equal("config.meta.sync.destinations[0].id", Assert.Single(bad).KeyPath);
    }

    [Fact]
    public void Nulls_and_delete_policies_are_read()
    {
        var (definition, diagnostics) = Parse("""
            {"primary_key": "customer_id", "destinations": [{"connection": "h", "object": "c", "mode": "mirror", "nulls": "skip", "delete": "archive"}]}
            """);

        Assert.Empty(diagnostics);
        Assert.Equal(NullPolicy.Skip, definition!.Destinations[0].Nulls);
        Assert.Equal(DeletePolicy.Archive, definition.Destinations[0].Delete);
    }

    [Fact]
    public void Static_values_must_be_scalars()
    {
        var (_, diagnostics) = Parse("""
            {"primary_key": "customer_id", "destinations": [{"connection": "h", "object": "c", "static": {"a": {"b": 1}}}]}
            """);

        Assert.Equal("config.meta.sync.destinations[0].static.a", Assert.Single(diagnostics).KeyPath);
    }
}
