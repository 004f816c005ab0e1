using ReverseEtlDbt.Tests.Support;
using System.Net;
using System.Net.Sockets;
using Snapshooter.Xunit;
using Xunit;

namespace ReverseEtlDbt.Tests.Cli;

[Collection(CliEnvironmentCollection.Name)]
public sealed class PlanCommandTests : IDisposable
{
    private readonly PlanExample example = new();

    public void Dispose() => example.Dispose();

    [Fact]
    public async Task Plan_counts_every_row_as_added_before_the_first_sync()
    {
        var run = await example.RunAsync("plan");

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = example.SyncResults();
        foreach (var (syncId, model) in new[] { (PlanExample.HubSpotSync, "customer_health"), (PlanExample.TiersSync, "account_tiers") })
        {
            var counts = PlanExample.Result(results, syncId)["counts"]!;
            Assert.Equal(Convert.ToInt64(example.Scalar($"SELECT COUNT(*) FROM main.{model}")), counts["added"]!.GetValue<long>());
            Assert.Equal(0, counts["changed"]!.GetValue<long>());
            Assert.Equal(0, counts["removed"]!.GetValue<long>());
        }
        Assert.Contains("would send: 50 added, 0 changed, 0 removed", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_masks_pii_in_sample_rows()
    {
        var emails = example.Strings("SELECT email FROM main.customer_health ORDER BY customer_id");
        var phones = example.Strings("SELECT phone FROM main.high_value_audience WHERE phone IS NOT NULL");

        var text = await example.RunAsync("plan");
        var json = await example.RunAsync("plan", "--log-format", "json");

        Assert.Equal(0, text.ExitCode);
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("m***@acme.example", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("m***@acme.example", json.Stdout, StringComparison.Ordinal);
        foreach (var raw in emails.Concat(phones))
        {
            Assert.DoesNotContain(raw, text.Stdout, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(raw, json.Stdout, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("Michael", text.Stdout, StringComparison.Ordinal); // a column that is not PII stays readable
    }

    [Fact]
    public async Task Plan_does_not_create_state_or_touch_destinations()
    {
        // Every destination points at a listener nobody may connect to: a connection attempt would queue there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var hubspot = new EnvironmentVariable("HUBSPOT_URL", $"http://127.0.0.1:{port}");
            using var webhook = new EnvironmentVariable("RETL_WEBHOOK_URL", $"http://127.0.0.1:{port}/webhook");
            using var postgres = new EnvironmentVariable("RETL_APP_PG_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            var run = await example.RunAsync("plan");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.False(listener.Pending(), "plan connected to a destination");
            Assert.False(example.StateSchemaExists(), "plan created the state schema");
            Assert.All(example.SyncResults()["results"]!.AsArray(), r => Assert.Equal(0, r!["counts"]!["requests"]!.GetValue<long>()));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Plan_after_a_sync_reports_only_changes()
    {
        await example.SyncAsync(PlanExample.HubSpotSync);
        example.Execute("UPDATE main.customer_health SET health_score = health_score + 1 WHERE customer_id = 3");
        example.Execute("DELETE FROM main.customer_health WHERE customer_id = 4");

        var run = await example.RunAsync("plan", "--sync", PlanExample.HubSpotSync);

        Assert.True(run.ExitCode == 0, run.ToString());
        var counts = PlanExample.Result(example.SyncResults(), PlanExample.HubSpotSync)["counts"]!;
        Assert.Equal(0, counts["added"]!.GetValue<long>());
        Assert.Equal(1, counts["changed"]!.GetValue<long>());
        Assert.Equal(1, counts["removed"]!.GetValue<long>());
        Assert.Matches(@"changed\s+3\s", run.Stdout);
        Assert.Matches(@"removed\s+4\s", run.Stdout);
    }

    [Fact]
    public async Task Plan_with_full_resync_counts_every_synced_row_as_changed()
    {
        await example.SyncAsync(PlanExample.HubSpotSync);

        var run = await example.RunAsync("plan", "--sync", PlanExample.HubSpotSync, "--full-resync");

        Assert.True(run.ExitCode == 0, run.ToString());
        var counts = PlanExample.Result(example.SyncResults(), PlanExample.HubSpotSync)["counts"]!;
        Assert.Equal(0, counts["added"]!.GetValue<long>());
        Assert.Equal(50, counts["changed"]!.GetValue<long>());
    }

    [Fact]
    public async Task Plan_stops_a_sync_whose_contract_changed_with_the_mismatch_table()
    {
        example.Execute("ALTER TABLE main.account_tiers RENAME COLUMN seats TO seat_count");

        var run = await example.RunAsync("plan");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Compilation Error in model account_tiers", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\|\s*column_name\s*\|\s*definition_type\s*\|\s*contract_type\s*\|\s*mismatch_reason\s*\|", run.Stdout);
        Assert.Matches(@"\|\s*seats\s*\|.*missing in definition", run.Stdout);
        var results = example.SyncResults();
        var stopped = PlanExample.Result(results, PlanExample.TiersSync);
        Assert.Equal("error", stopped["status"]!.GetValue<string>());
        Assert.Equal("contract_mismatch", stopped["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("success", PlanExample.Result(results, PlanExample.HubSpotSync)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plan_reports_duplicate_keys_as_rejected_with_a_masked_sample()
    {
        // The built table enforces its primary key, so rebuild it without constraints, as a view or an unenforced warehouse would be.
        example.Execute("CREATE OR REPLACE TABLE main.customer_health AS " +
            "SELECT * FROM main.customer_health UNION ALL SELECT * FROM main.customer_health WHERE customer_id = 1");

        var run = await example.RunAsync("plan", "--sync", PlanExample.HubSpotSync);

        Assert.True(run.ExitCode == 1, run.ToString()); // invalid_primary_key: rows would be left out
        var result = PlanExample.Result(example.SyncResults(), PlanExample.HubSpotSync);
        Assert.Equal("partial", result["status"]!.GetValue<string>());
        Assert.Equal(49, result["counts"]!["added"]!.GetValue<long>());
        Assert.Equal(2, result["counts"]!["rejected"]!.GetValue<long>());
        var error = result["errors"]![0]!;
        Assert.Equal("invalid_primary_key", error["code"]!.GetValue<string>());
        Assert.All(error["sample"]!.AsArray(), row => Assert.Equal("m***@acme.example", row!["email"]!.GetValue<string>()));
        Assert.Contains("[invalid_primary_key]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_writes_sync_results_with_command_plan()
    {
        var run = await example.RunAsync("plan");

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = example.SyncResults();
        Assert.Equal("plan", results["command"]!.GetValue<string>());
        Assert.Equal(1, results["metadata"]!["retl_schema_version"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(results["metadata"]!["dbt_invocation_id"]?.GetValue<string>()));
        var rows = results["results"]!.AsArray();
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("success", r!["status"]!.GetValue<string>());
            Assert.Equal(0, r["counts"]!["requests"]!.GetValue<long>());
            Assert.True(r["counts"]!["added"]!.GetValue<long>() > 0);
        });
        Assert.Contains("Wrote target/sync_results.json", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_text_output_matches_snapshot()
    {
        var run = await example.RunAsync("plan");

        Assert.Equal(0, run.ExitCode);
        // The warehouse's seconds vary; its statements and rows read are pinned.
        Snapshot.Match(System.Text.RegularExpressions.Regex.Replace(run.Stdout, @"(Warehouse: \d+ statements?), [\d.]+ s,", "$1, <seconds> s,"));
    }
}
