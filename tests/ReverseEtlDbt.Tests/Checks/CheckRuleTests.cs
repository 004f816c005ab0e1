using ReverseEtlDbt.Checks;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Tests.Builders;
using Xunit;

namespace ReverseEtlDbt.Tests.Checks;

public class CheckRuleTests
{
    private static CheckReport CheckModel(Action<ModelBuilder> model, ConnectionsFile? connections = null) =>
        Syncs.Check(new ManifestBuilder().Model("customer_health", model).Build(), connections);

    private static Diagnostic Only(CheckReport report, string code) =>
        Assert.Single(report.Diagnostics, d => d.Code == code);

    [Fact]
    public void Design_example_passes_every_check()
    {
        var report = CheckModel(m => m.CustomerHealth());

        Assert.Empty(report.Diagnostics);
        Assert.True(report.Passed);
        Assert.Equal(1, report.Syncs);
    }

    [Fact]
    public void Synced_model_without_enforced_contract_fails()
    {
        var report = CheckModel(m => m.CustomerHealth().NoContract());

        var d = Only(report, "contract_not_enforced");
        Assert.Equal("customer_health", d.Model);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Mapped_column_missing_from_the_contract_fails_with_a_suggestion()
    {
        var report = CheckModel(m => m.Key("customer_id").Column("email", pii: true).Column("health_scor", "integer").Column("tier")
            .Sync(Syncs.HubSpotContacts));

        var d = Only(report, "column_not_in_contract");
        Assert.Contains("'health_score'", d.Message);
        Assert.Equal("config.meta.sync.destinations[0].fields.health_score", d.KeyPath);
        Assert.StartsWith("Did you mean 'health_scor'?", d.Hint);
    }

    [Fact]
    public void Contract_column_without_data_type_fails()
    {
        var report = CheckModel(m => m.Key("customer_id").Column("email", pii: true).Column("health_score", type: null).Column("tier")
            .Sync(Syncs.HubSpotContacts));

        Assert.Contains("'health_score'", Only(report, "column_without_data_type").Message);
    }

    [Fact]
    public void Primary_key_without_constraints_or_tests_fails()
    {
        var report = CheckModel(m => m.Column("customer_id", "integer").Column("email", pii: true).Column("health_score", "integer")
            .Column("tier").Sync(Syncs.HubSpotContacts));

        Assert.Contains("not declared not_null and unique", Only(report, "primary_key_not_guaranteed").Message);
    }

    [Fact]
    public void Primary_key_guaranteed_by_unique_and_not_null_tests_passes()
    {
        var report = CheckModel(m => m.Column("customer_id", "integer").Column("email", pii: true).Column("health_score", "integer")
            .Column("tier").Test("unique", "customer_id").Test("not_null", "customer_id").Sync(Syncs.HubSpotContacts));

        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "primary_key_not_guaranteed");
    }

    [Fact]
    public void Primary_key_with_only_a_unique_test_still_needs_not_null()
    {
        var report = CheckModel(m => m.Column("customer_id", "integer").Column("email", pii: true).Column("health_score", "integer")
            .Column("tier").Test("unique", "customer_id").Sync(Syncs.HubSpotContacts));

        Assert.Contains("not declared not_null", Only(report, "primary_key_not_guaranteed").Message);
    }

    [Fact]
    public void Pii_column_sent_without_allow_pii_fails_naming_model_column_and_file()
    {
        var report = CheckModel(m => m.CustomerHealth(Syncs.HubSpotContacts.Replace("\"allow_pii\": [\"email\"]", "\"allow_pii\": []")));

        var d = Only(report, "pii_not_allowed");
        Assert.Equal(("customer_health", "models/marts/_marts.yml"), (d.Model, d.File));
        Assert.Contains("PII column 'email'", d.Message);
    }

    [Fact]
    public void Pii_column_that_is_hashed_passes()
    {
        var report = CheckModel(m => m.CustomerHealth(Syncs.HubSpotContacts.Replace("\"allow_pii\": [\"email\"]", "\"hash\": [\"email\"]")));

        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "pii_not_allowed");
    }

    [Fact]
    public void Pii_tag_counts_like_pii_meta()
    {
        var manifest = new ManifestBuilder().Model("customer_health", m => m.CustomerHealth(
            Syncs.HubSpotContacts.Replace("\"allow_pii\": [\"email\"]", "\"allow_pii\": [\"email\"]").Replace("\"tier\": \"account_tier\"", "\"tier\": \"account_tier\", \"phone\": \"phone\""))
            .Column("phone")).Build();
        var node = manifest.Nodes["model.shop.customer_health"];
        var tagged = node with { Columns = node.Columns.Select(c => c.Name == "phone" ? c with { Tags = ["pii"] } : c).ToList() };
        var report = Syncs.Check(manifest with { Nodes = new Dictionary<string, ReverseEtlDbt.Artifacts.ManifestNode> { [node.UniqueId] = tagged } });

        Assert.Contains("PII column 'phone'", Only(report, "pii_not_allowed").Message);
    }

    [Fact]
    public void Unknown_connection_name_fails_with_a_suggestion()
    {
        var report = CheckModel(m => m.CustomerHealth(Syncs.HubSpotContacts.Replace("\"connection\": \"hubspot\"", "\"connection\": \"hubspt\"")));

        var d = Only(report, "unknown_connection");
        Assert.StartsWith("Did you mean 'hubspot'?", d.Hint);
    }

    [Fact]
    public void Connection_of_unknown_type_fails()
    {
        var report = CheckModel(m => m.CustomerHealth(), Syncs.Connections(("hubspot", "hubspotter")));

        Assert.Contains("unknown type 'hubspotter'", Only(report, "unknown_connection_type").Message);
    }

    [Fact]
    public void Mode_the_destination_cannot_do_fails()
    {
        var mirror = Syncs.HubSpotContacts.Replace("\"mode\": \"upsert\"", "\"mode\": \"mirror\", \"delete\": \"archive\"");
        var report = CheckModel(m => m.CustomerHealth(mirror.Replace("\"connection\": \"hubspot\"", "\"connection\": \"db\"")),
            Syncs.Connections(("db", "postgres")));

        Assert.Contains("delete 'archive'", Only(report, "delete_not_supported").Message);
    }

    [Theory]
    [InlineData("zendesk", "contacts", "object", "Zendesk destinations write only 'users', not 'contacts'")]
    [InlineData("meta_audiences", "contacts", "object", "object 'contacts' is not a custom audience id")]
    [InlineData("meta_audiences", "1234567890", "fields", "'churn_risk_score', 'account_tier', 'lifecycle_stage' are not Meta schema keys")]
    [InlineData("salesforce", "Contact-Sync", "object", "object 'Contact-Sync' is not a Salesforce sObject API name")]
    public void Destination_type_refuses_what_it_cannot_write_before_a_run(string type, string objectName, string key, string message)
    {
        var sync = Syncs.HubSpotContacts.Replace("\"connection\": \"hubspot\"", "\"connection\": \"dest\"")
            .Replace("\"object\": \"contacts\"", $"\"object\": \"{objectName}\"");
        var report = CheckModel(m => m.CustomerHealth(sync), Syncs.Connections(("dest", type)));

        var d = Assert.Single(report.Diagnostics, d => d.Code == "destination_unsupported" && d.KeyPath == $"config.meta.sync.destinations[0].{key}");
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(d.Hint));
    }

    [Theory]
    [InlineData("zendesk", new[] { "subdomain", "email" }, "has no complete credentials")]
    [InlineData("zendesk", new[] { "email", "api_token" }, "needs 'subdomain' or 'base_url'")]
    [InlineData("zendesk", new[] { "subdomain", "email", "api_token", "oauth_token" }, "has both 'oauth_token' and 'email'/'api_token'")]
    [InlineData("salesforce", new[] { "client_id" }, "needs 'client_secret' (client credentials flow) or 'refresh_token'")]
    public void Connection_keys_that_cannot_work_together_fail_without_rendering_values(string type, string[] keys, string message)
    {
        var values = keys.ToDictionary(k => k, k => (object?)$"{{{{ env_var('UNSET_{k.ToUpperInvariant()}') }}}}");
        values["type"] = type;
        var connections = new ConnectionsFile("retl_connections.yml", new Dictionary<string, ConnectionConfig>
        {
            ["dest"] = new("dest", type, values, _ => null),
        });
        var sync = Syncs.HubSpotContacts.Replace("\"connection\": \"hubspot\"", "\"connection\": \"dest\"")
            .Replace("\"object\": \"contacts\"", "\"object\": \"users\"");

        var report = CheckModel(m => m.CustomerHealth(sync), connections);

        var d = Only(report, "invalid_keys");
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.Equal("dest", d.Connection);
    }

    [Fact]
    public void Complete_zendesk_and_salesforce_connections_pass_the_key_rules()
    {
        Assert.Empty(new ReverseEtlDbt.Destinations.Zendesk.ZendeskDestinationFactory().ValidateKeys(new ConnectionConfig("z", "zendesk",
            new Dictionary<string, object?> { ["type"] = "zendesk", ["subdomain"] = "acme", ["email"] = "a@b.c", ["api_token"] = "t" }, _ => null)));
        Assert.Empty(new ReverseEtlDbt.Destinations.Salesforce.SalesforceDestinationFactory().ValidateKeys(new ConnectionConfig("s", "salesforce",
            new Dictionary<string, object?> { ["type"] = "salesforce", ["client_id"] = "c", ["refresh_token"] = "r" }, _ => null)));
    }

    [Fact]
    public void Destination_types_accept_a_sync_they_can_write()
    {
        var zendesk = Syncs.HubSpotContacts.Replace("\"connection\": \"hubspot\"", "\"connection\": \"desk\"")
            .Replace("\"object\": \"contacts\"", "\"object\": \"users\"");
        var report = CheckModel(m => m.CustomerHealth(zendesk), Syncs.Connections(("desk", "zendesk")));

        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "destination_unsupported");
    }

    [Fact]
    public void Destination_that_needs_a_match_key_fails_without_one()
    {
        var noMatch = Syncs.HubSpotContacts.Replace("\"match\": {\"column\": \"email\", \"field\": \"email\"},", "");
        var report = CheckModel(m => m.CustomerHealth(noMatch));

        Assert.Single(report.Diagnostics, d => d.Code == "match_required");
    }

    [Fact]
    public void Duplicate_sync_ids_fail()
    {
        var twice = """
            {"primary_key": "customer_id", "destinations": [
              {"id": "same", "connection": "hubspot", "object": "contacts", "match": "email", "allow_pii": ["email"]},
              {"id": "same", "connection": "hubspot", "object": "companies", "match": "email", "allow_pii": ["email"]}]}
            """;
        var report = CheckModel(m => m.CustomerHealth(twice));

        Assert.Contains("'same' is used 2 times", Only(report, "duplicate_sync_id").Message);
    }

    [Fact]
    public void Literal_secret_in_the_connections_file_is_a_warning()
    {
        var connections = new ConnectionsFile("retl_connections.yml", new Dictionary<string, ConnectionConfig>
        {
            ["hubspot"] = new("hubspot", "hubspot", new Dictionary<string, object?> { ["type"] = "hubspot", ["token"] = "pat-123" }, _ => null, "retl_connections.yml", 1),
        });

        var report = CheckModel(m => m.CustomerHealth(), connections);

        Assert.Equal(DiagnosticSeverity.Warning, Only(report, "secret_in_file").Severity);
        Assert.True(report.Passed);
        Assert.DoesNotContain(report.Diagnostics, d => d.Message.Contains("pat-123", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_connection_key_fails_with_a_suggestion()
    {
        var connections = new ConnectionsFile("retl_connections.yml", new Dictionary<string, ConnectionConfig>
        {
            ["hubspot"] = new("hubspot", "hubspot", new Dictionary<string, object?>
            {
                ["type"] = "hubspot", ["token"] = "{{ env_var('T') }}", ["base_ulr"] = "http://x",
            }, _ => null, "retl_connections.yml", 1),
        });

        var report = CheckModel(m => m.CustomerHealth(), connections);

        Assert.StartsWith("Did you mean 'base_url'?", Only(report, "unknown_key").Hint);
    }
}
