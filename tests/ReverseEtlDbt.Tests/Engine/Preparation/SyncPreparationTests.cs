using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Engine.Preparation;
using ReverseEtlDbt.Selection;
using ReverseEtlDbt.Tests.Builders;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine.Preparation;

/// <summary>Every selected sync ends up runnable or refused with the problems that refuse it: none is dropped.</summary>
public sealed class SyncPreparationTests
{
    private const string TwoDestinations = """
        {"primary_key": "customer_id",
         "destinations": [
           {"connection": "hubspot", "object": "contacts", "mode": "MODE", "match": {"column": "email", "field": "email"},
            "fields": {"tier": "account_tier"}, "allow_pii": ["email"]},
           {"connection": "hook", "object": "tier_changed", "mode": "upsert", "fields": {"tier": "tier"}}]}
        """;

    [Fact]
    public void A_misspelt_mode_refuses_that_sync_alone_naming_file_model_and_key()
    {
        var run = Prepare(TwoDestinations.Replace("MODE", "upsrt"));

        var refused = Assert.Single(run.Refused);
        Assert.Equal("customer_health__hubspot__contacts", refused.Sync.Id);
        Assert.Equal(SyncStatus.Error, refused.Status);
        var error = Assert.Single(refused.Errors);
        Assert.Equal(OutcomeCode.CheckFailed, error.Code);
        Assert.Contains("'upsrt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("models/marts/_marts.yml", error.Message, StringComparison.Ordinal);
        Assert.Contains("model customer_health", error.Message, StringComparison.Ordinal);
        Assert.Contains("key config.meta.sync.destinations[0].mode", error.Message, StringComparison.Ordinal);
        Assert.Equal(["customer_health__hook__tier_changed"], run.Runnable.Select(p => p.Sync.Id));
        Assert.Equal(2, OutcomeTable.ExitCode(run.Refused));
    }

    [Fact]
    public void A_block_without_primary_key_refuses_every_sync_it_declares()
    {
        var run = Prepare(TwoDestinations.Replace("MODE", "upsert").Replace("\"primary_key\": \"customer_id\",", ""));

        Assert.Empty(run.Runnable);
        Assert.Equal(["customer_health__hook__tier_changed", "customer_health__hubspot__contacts"],
            run.Refused.Select(o => o.Sync.Id).Order(StringComparer.Ordinal));
        Assert.All(run.Refused, o => Assert.Contains("missing required key 'primary_key'", Assert.Single(o.Errors).Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_block_that_is_not_a_mapping_yields_one_result_for_the_model()
    {
        var run = Prepare("""["hubspot"]""");

        var refused = Assert.Single(run.Refused);
        Assert.Equal("customer_health", refused.Sync.Id);
        Assert.Contains("must be a mapping", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(run.Runnable);
    }

    [Fact]
    public void An_unreadable_rate_limit_refuses_the_syncs_of_that_connection_and_fails_the_check()
    {
        var run = Prepare(TwoDestinations.Replace("MODE", "upsert"),
            hook: new() { ["rate_limit"] = new Dictionary<string, object?> { ["requests"] = "x", ["per_seconds"] = "1" } });

        var refused = Assert.Single(run.Refused);
        Assert.Equal("customer_health__hook__tier_changed", refused.Sync.Id);
        Assert.Contains("key 'rate_limit.requests'", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(["customer_health__hubspot__contacts"], run.Runnable.Select(p => p.Sync.Id));
        var problem = Assert.Single(run.Report.Diagnostics, d => d.Code == "invalid_value");
        Assert.Equal("hook", problem.Connection);
        Assert.Equal("retl_connections.yml", problem.File);
        Assert.Contains("connection 'hook' key 'rate_limit.requests'", problem.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(run.Report.Passed);
    }

    [Fact]
    public void A_templated_value_is_judged_at_run_time_not_by_the_check()
    {
        var run = Prepare(TwoDestinations.Replace("MODE", "upsert"), hook: new() { ["timeout_seconds"] = "{{ env_var('HOOK_TIMEOUT') }}" });

        Assert.True(run.Report.Passed, string.Join("\n", run.Report.Diagnostics.Select(d => d.Message)));
        var refused = Assert.Single(run.Refused);
        Assert.Equal(OutcomeCode.ConfigError, Assert.Single(refused.Errors).Code);
        Assert.Contains("HOOK_TIMEOUT", refused.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_concurrency", "0")]
    [InlineData("timeout_seconds", "0")]
    [InlineData("batch_size", "many")]
    public void Out_of_range_connection_values_fail_the_check(string key, string value)
    {
        var run = Prepare(TwoDestinations.Replace("MODE", "upsert"), hook: new() { [key] = value });

        Assert.Contains(run.Report.Diagnostics, d => d.Code == "invalid_value" && d.Message.Contains($"'{key}'", StringComparison.Ordinal));
        Assert.Equal("customer_health__hook__tier_changed", Assert.Single(run.Refused).Sync.Id);
    }

    [Fact]
    public void Settings_are_parsed_once_per_connection_and_shared_by_its_syncs()
    {
        var run = Prepare("""
            {"primary_key": "customer_id",
             "destinations": [
               {"connection": "hubspot", "object": "contacts", "match": "email", "allow_pii": ["email"]},
               {"connection": "hubspot", "object": "leads", "match": "email", "allow_pii": ["email"]}]}
            """,
            hubspot: new() { ["rate_limit"] = new Dictionary<string, object?> { ["requests"] = "7", ["per_seconds"] = "2" } });

        Assert.Equal(2, run.Runnable.Count);
        Assert.Same(run.Runnable[0].Settings, run.Runnable[1].Settings);
        Assert.Equal(new RateLimit(7, TimeSpan.FromSeconds(2)), run.Runnable[0].Settings.Limit);
    }

    [Fact]
    public void The_selection_narrows_refused_syncs_too()
    {
        var run = Prepare(TwoDestinations.Replace("MODE", "upsrt"), selection: new SyncFilter(null, ["*__hook__*"]));

        Assert.Empty(run.Refused);
        Assert.Equal(["customer_health__hook__tier_changed"], run.Runnable.Select(p => p.Sync.Id));
        Assert.True(run.Report.Passed);
    }

    private static PreparedRun Prepare(string sync, Dictionary<string, object?>? hubspot = null, Dictionary<string, object?>? hook = null,
        SyncFilter? selection = null)
    {
        var manifest = new ManifestBuilder().Model("customer_health", m => m.CustomerHealth(sync)).Build();
        var connections = new ConnectionsFile("retl_connections.yml", new Dictionary<string, ConnectionConfig>
        {
            ["hubspot"] = Connection("hubspot", "hubspot", new() { ["token"] = "{{ env_var('HUBSPOT_TOKEN') }}" }, hubspot),
            ["hook"] = Connection("hook", "webhook", new() { ["url"] = "http://127.0.0.1/hook" }, hook),
        });
        return SyncPreparation.Prepare(new PreparationInput(manifest, SyncCatalog.From(manifest), connections, [], DestinationRegistry.Default,
            selection ?? SyncFilter.All));
    }

    private static ConnectionConfig Connection(string name, string type, Dictionary<string, object?> values, Dictionary<string, object?>? extra)
    {
        values["type"] = type;
        foreach (var (key, value) in extra ?? []) values[key] = value;
        return new ConnectionConfig(name, type, values, _ => null, "retl_connections.yml", 1);
    }
}
