using ReverseEtlDbt.Checks;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Tests.Builders;
using Xunit;

namespace ReverseEtlDbt.Tests.Checks;

/// <summary>What a sync would silently lose fails <c>retl check</c>: one field written twice, allow_pii naming no column.</summary>
public sealed class FieldMappingRuleTests
{
    private static IReadOnlyList<Diagnostic> Check(string fieldsAndMore) =>
        Syncs.Check(new ManifestBuilder().Model("customer_health", m => m.CustomerHealth($$"""
            {"primary_key": "customer_id",
             "destinations": [{"connection": "hubspot", "object": "contacts", "mode": "upsert",
                               "match": {"column": "email", "field": "email"}, "allow_pii": ["email"], {{fieldsAndMore}}}]}
            """)).Build()).Diagnostics;

    [Fact]
    public void Two_columns_mapped_to_one_field_fail()
    {
        var d = Assert.Single(Check("""
            "fields": {"health_score": "dup", "tier": "dup"}
            """));

        Assert.Equal("duplicate_field", d.Code);
        Assert.Contains("'health_score' and 'tier'", d.Message, StringComparison.Ordinal);
        Assert.Equal("config.meta.sync.destinations[0].fields.tier", d.KeyPath);
    }

    [Fact]
    public void A_field_both_mapped_and_static_fails()
    {
        var d = Assert.Single(Check("""
            "fields": {"tier": "lifecycle_stage"}, "static": {"lifecycle_stage": "customer"}
            """));

        Assert.Equal("duplicate_field", d.Code);
        Assert.Equal("config.meta.sync.destinations[0].static.lifecycle_stage", d.KeyPath);
    }

    [Fact]
    public void The_match_field_mapped_from_another_column_fails()
    {
        var d = Assert.Single(Check("""
            "fields": {"tier": "email"}
            """));

        Assert.Equal("duplicate_field", d.Code);
        Assert.Contains("Match field 'email'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_match_column_mapped_to_its_own_field_is_fine()
    {
        Assert.Empty(Check("""
            "fields": {"email": "email", "tier": "account_tier"}
            """));
    }

    [Fact]
    public void Allow_pii_naming_no_column_fails_with_a_suggestion()
    {
        var d = Assert.Single(Syncs.Check(new ManifestBuilder().Model("customer_health", m => m.CustomerHealth("""
            {"primary_key": "customer_id",
             "destinations": [{"connection": "hubspot", "object": "contacts", "match": {"column": "email", "field": "email"},
                               "allow_pii": ["email", "emial"]}]}
            """)).Build()).Diagnostics);

        Assert.Equal("column_not_in_contract", d.Code);
        Assert.Equal("config.meta.sync.destinations[0].allow_pii[1]", d.KeyPath);
        Assert.Contains("Did you mean 'email'?", d.Hint, StringComparison.Ordinal);
    }
}

/// <summary>A credential written into a webhook header is flagged like any literal secret.</summary>
public sealed class HeaderCredentialTests
{
    [Theory]
    [InlineData("Authorization", "Bearer abc123456789", true)]
    [InlineData("X-Api-Key", "k-123", true)]
    [InlineData("Authorization", "Bearer {{ env_var('HOOK_TOKEN') }}", false)]
    [InlineData("X-Team", "growth", false)]
    public void Literal_credential_headers_are_flagged(string header, string value, bool flagged)
    {
        var connections = new ConnectionsFile("retl_connections.yml", new Dictionary<string, ConnectionConfig>
        {
            ["hook"] = new("hook", "webhook", new Dictionary<string, object?>
            {
                ["type"] = "webhook", ["url"] = "http://127.0.0.1/hook",
                ["headers"] = new Dictionary<string, object?> { [header] = value },
            }, _ => null, "retl_connections.yml", 1),
        });
        var manifest = new ManifestBuilder().Model("customer_health", m => m.CustomerHealth("""
            {"primary_key": "customer_id", "destinations": [{"connection": "hook", "object": "e", "fields": {"tier": "tier"}}]}
            """)).Build();

        var report = Syncs.Check(manifest, connections);

        Assert.Equal(flagged, report.Diagnostics.Any(d => d.Code == "secret_in_file" && d.Message.Contains($"header '{header}'", StringComparison.Ordinal)));
    }
}

/// <summary>An unknown dbt schema version is read, but never silently.</summary>
public sealed class ManifestVersionRuleTests
{
    [Theory]
    [InlineData(12, false)]
    [InlineData(7, false)]
    [InlineData(13, true)]
    [InlineData(6, true)]
    public void A_manifest_outside_the_supported_versions_gets_a_warning(int version, bool warned)
    {
        var built = new ManifestBuilder().Model("customer_health", m => m.CustomerHealth()).Build();
        var manifest = built with
        {
            Metadata = built.Metadata with { SchemaVersion = $"https://schemas.getdbt.com/dbt/manifest/v{version}.json", SchemaVersionNumber = version },
        };

        var report = Syncs.Check(manifest);

        var found = report.Diagnostics.Where(d => d.Code == "unsupported_manifest_version").ToList();
        Assert.Equal(warned, found.Count == 1);
        Assert.True(report.Passed); // a warning: the syncs still run
        if (warned) Assert.Contains("supports manifest v7 to v12", found[0].Message, StringComparison.Ordinal);
    }
}
