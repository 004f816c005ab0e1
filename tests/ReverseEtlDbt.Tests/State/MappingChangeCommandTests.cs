using System.Text.Json.Nodes;
using ReverseEtlDbt.Tests.Cli;
using ReverseEtlDbt.Tests.Example;
using Xunit;

namespace ReverseEtlDbt.Tests.State;

/// <summary>
/// The mapping's config fingerprint, end to end: each sync records it in <c>sync_config</c>, <c>retl state show</c>
/// shows it, <c>retl plan</c> announces a changed mapping with the rows it would resend, and <c>retl sync</c> reports
/// the one it applied.
/// </summary>
[Collection(CliEnvironmentCollection.Name)]
public sealed class MappingChangeCommandTests : IDisposable
{
    private const string Sync = PlanExample.HubSpotSync;
    private readonly PlanExample example = new();

    public void Dispose() => example.Dispose();

    [Fact]
    public async Task A_sync_records_its_mapping_and_state_show_shows_it()
    {
        await example.SyncAsync(Sync);

        var table = await example.RunAsync("state", "show");
        var json = await example.RunAsync("state", "show", "--output", "json");

        var stored = Assert.IsType<string>(example.Scalar($"SELECT config_fingerprint FROM retl_state.sync_config WHERE sync_id = '{Sync}'"));
        Assert.Matches("^[0-9a-f]{64}$", stored);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(Sync + @"\s+50\s+success\s.*\s" + stored[..12] + @"\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*$", table.Stdout.Split('\n').Single(l => l.Contains(Sync, StringComparison.Ordinal)));
        var lines = JsonNode.Parse(json.Stdout)!.AsArray();
        var mapping = lines.Single(l => l!["sync_id"]!.GetValue<string>() == Sync)!["mapping"]!;
        Assert.Equal(stored, mapping["config_fingerprint"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", mapping["updated_at"]!.GetValue<string>());
        Assert.Equal("values", mapping["fingerprints"]!.GetValue<string>());
        Assert.Null(lines.Single(l => l!["sync_id"]!.GetValue<string>() == PlanExample.TiersSync)!["mapping"]);

        // A sync whose state an earlier release wrote says so: it computes that format until its mapping changes.
        example.Execute($"UPDATE retl_state.sync_config SET row_fingerprint = 2 WHERE sync_id = '{Sync}'");
        var tagged = await example.RunAsync("state", "show", "--sync", Sync);
        var taggedJson = JsonNode.Parse((await example.RunAsync("state", "show", "--sync", Sync, "--output", "json")).Stdout)!.AsArray();
        Assert.Contains(stored[..12] + " (tagged)", tagged.Stdout, StringComparison.Ordinal);
        Assert.Equal("tagged", Assert.Single(taggedJson)!["mapping"]!["fingerprints"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plan_says_the_mapping_changed_and_how_many_rows_it_resends()
    {
        await example.SyncAsync(Sync);
        var unchanged = await example.RunAsync("plan", "--sync", Sync);
        Assert.DoesNotContain("mapping changed", unchanged.Stdout, StringComparison.Ordinal);
        Assert.Null(PlanExample.Result(example.SyncResults(), Sync)["mapping_changed"]);
        var before = example.Scalar($"SELECT config_fingerprint FROM retl_state.sync_config WHERE sync_id = '{Sync}'");

        // Same columns, another HubSpot property: only the mapping changes.
        var yaml = Path.Combine(example.Dir, "models", "marts", "_marts.yml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("health_score: churn_risk_score", "health_score: churn_risk", StringComparison.Ordinal));
        var parse = DbtStandInProcess.Run(["parse", "--project-dir", example.Dir]);
        Assert.True(parse.ExitCode == 0, parse.Output);

        var text = await example.RunAsync("plan", "--sync", Sync);
        var result = PlanExample.Result(example.SyncResults(), Sync);
        var json = await example.RunAsync("plan", "--sync", Sync, "--log-format", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("mapping changed: 50 rows will be resent", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(50, result["counts"]!["changed"]!.GetValue<long>());
        Assert.Equal(50, result["mapping_changed"]!["rows_resent"]!.GetValue<long>());
        Assert.Equal(before, result["mapping_changed"]!["previous_config_fingerprint"]!.GetValue<string>());
        var planned = json.Stdout.Split('\n').Where(l => l.Contains("\"sync_planned\"", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l)!).Single();
        Assert.Equal(50, planned["data"]!["mapping_changed"]!["rows_resent"]!.GetValue<long>());

        // Once a sync has gone through every row under the new mapping, there is nothing more to announce.
        await example.SyncAsync(Sync);
        var after = await example.RunAsync("plan", "--sync", Sync);
        Assert.DoesNotContain("mapping changed", after.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(before, example.Scalar($"SELECT config_fingerprint FROM retl_state.sync_config WHERE sync_id = '{Sync}'"));
    }

    [Fact]
    public async Task Sync_reports_the_mapping_change_it_applies_and_then_nothing()
    {
        await example.SyncAsync(Sync);
        var before = example.Scalar($"SELECT config_fingerprint FROM retl_state.sync_config WHERE sync_id = '{Sync}'");
        var yaml = Path.Combine(example.Dir, "models", "marts", "_marts.yml");
        var original = File.ReadAllText(yaml);

        ChangeMapping(original.Replace("health_score: churn_risk_score", "health_score: churn_risk", StringComparison.Ordinal));
        var text = await example.SyncAsync(Sync);
        var applied = PlanExample.Result(example.SyncResults(), Sync)["mapping_changed"]!;

        Assert.Contains($"{Sync}: mapping changed: 50 rows in state resent under the new mapping", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(50, applied["rows_resent"]!.GetValue<long>());
        Assert.Equal(before, applied["previous_config_fingerprint"]!.GetValue<string>());
        Assert.Equal(example.Scalar($"SELECT config_fingerprint FROM retl_state.sync_config WHERE sync_id = '{Sync}'"), applied["config_fingerprint"]!.GetValue<string>());

        // Back to the first mapping, in JSON lines: the sync_finished line carries it too.
        ChangeMapping(original);
        var json = await example.SyncAsync(Sync, "--log-format", "json");
        var finished = json.Stdout.Split('\n').Where(l => l.Contains("\"sync_finished\"", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l)!).Single();
        Assert.Equal(50, finished["data"]!["mapping_changed"]!["rows_resent"]!.GetValue<long>());

        var again = await example.SyncAsync(Sync);
        Assert.DoesNotContain("mapping changed", again.Stdout, StringComparison.Ordinal);
        Assert.Null(PlanExample.Result(example.SyncResults(), Sync)["mapping_changed"]);
    }

    private void ChangeMapping(string yamlText)
    {
        File.WriteAllText(Path.Combine(example.Dir, "models", "marts", "_marts.yml"), yamlText);
        var parse = DbtStandInProcess.Run(["parse", "--project-dir", example.Dir]);
        Assert.True(parse.ExitCode == 0, parse.Output);
    }
}
