using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Example;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Cli;

/// <summary>
/// Mistakes found by trying bad input from outside (issue 11, point 9): each now ends in one clear error naming what
/// is wrong and where, never in a misleading success or silence.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BadInputTests
{
    [Theory]
    [InlineData("plan")]
    [InlineData("sync")]
    public async Task A_select_term_that_matches_no_node_fails_with_a_did_you_mean_instead_of_syncing_nothing(string command)
    {
        await using var harness = await SyncHarness.StartAsync();

        var run = await harness.RunAsync(command, "--select", "custmer_health");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'custmer_health' does not match any node", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'customer_health'?", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("selection_error", harness.SyncResults()["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(0, harness.Emulator.HubSpot.CountRequests());
    }

    [Fact]
    public async Task A_sync_pattern_that_matches_no_declared_sync_fails_naming_the_closest_one()
    {
        await using var harness = await SyncHarness.StartAsync();

        var run = await harness.RunAsync("sync", "--sync", "customer_health__hubspot__contact");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Unknown sync 'customer_health__hubspot__contact': none of the 7 sync(s) declared in the manifest has that id", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Did you mean '{SyncHarness.HubSpotSync}'?", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, harness.Emulator.HubSpot.CountRequests());
    }

    [Fact]
    public async Task A_postgres_target_that_refuses_the_connection_is_named_by_profile_and_target_without_its_password()
    {
        await using var harness = await SyncHarness.StartAsync();
        File.AppendAllText(Path.Combine(harness.ProjectDir, "profiles.yml"), """

                nowhere:
                  type: postgres
                  host: 127.0.0.1
                  port: 1
                  user: reporter
                  password: pw-never-shown
                  dbname: analytics
                  schema: main
            """);

        var sync = await harness.RunAsync("sync", "--sync", SyncHarness.HubSpotSync, "--target", "nowhere");
        var state = await harness.RunAsync("state", "show", "--target", "nowhere");
        var planned = await harness.RunAsync("plan", "--sync", SyncHarness.HubSpotSync, "--target", "nowhere");
        var planError = harness.SyncResult(SyncHarness.HubSpotSync)["errors"]![0]!;

        Assert.True(sync.ExitCode == 2, sync.ToString());
        var message = harness.SyncResult(SyncHarness.HubSpotSync)["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("profile 'retl_example', target 'nowhere' (postgres at 127.0.0.1:1, database 'analytics', user 'reporter')", message, StringComparison.Ordinal);
        Assert.True(state.ExitCode == 2, state.ToString());
        Assert.Contains("target 'nowhere'", state.Stderr, StringComparison.Ordinal);
        Assert.True(planned.ExitCode == 2, planned.ToString());
        Assert.Equal("warehouse_error", planError["code"]!.GetValue<string>());
        Assert.Contains("target 'nowhere'", planError["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("pw-never-shown", sync.Output + state.Output + planned.Output + File.ReadAllText(harness.SyncResultsPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ledger_written_by_a_newer_retl_is_neither_read_nor_written()
    {
        await using var harness = await SyncHarness.StartAsync();
        Assert.Equal(0, (await harness.SyncAsync(SyncHarness.HubSpotSync)).ExitCode);
        var requests = harness.Emulator.HubSpot.CountRequests();
        await harness.ExecuteAsync("""INSERT INTO retl_state.schema_version VALUES (999, 'from the future', TIMESTAMP '2030-01-01')""");
        await harness.ExecuteAsync("UPDATE main.customer_health SET health_score = health_score + 1");

        var sync = await harness.SyncAsync(SyncHarness.HubSpotSync);
        var plan = await harness.RunAsync("plan", "--sync", SyncHarness.HubSpotSync);

        foreach (var run in new[] { sync, plan })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("is at version 999, newer than this retl understands", run.Output, StringComparison.Ordinal);
        }
        Assert.Equal(requests, harness.Emulator.HubSpot.CountRequests());
    }

    [Fact]
    public void A_directory_given_as_the_connections_file_is_called_a_directory()
    {
        using var project = new ExampleProjectCopy();
        var directory = Path.Combine(project.Dir, "config");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ConnectionsFile.DefaultFileName), "hubspot: {type: hubspot}\n");

        var (file, diagnostics) = ConnectionsFile.Read(directory, "config", _ => null);

        Assert.Empty(file.Connections);
        var problem = Assert.Single(diagnostics);
        Assert.Equal("The connections file given is a directory, not a file: config", problem.Message);
        Assert.Equal("Pass the file itself: --connections config/retl_connections.yml", problem.Hint);
    }

    [Fact]
    public async Task Check_counts_the_syncs_it_refuses_whole_with_those_it_checks()
    {
        using var copy = new ExampleProjectCopy();
        var yaml = Path.Combine(copy.Dir, "models/marts/_marts.yml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("          primary_key: customer_id\n", "", StringComparison.Ordinal));
        Assert.Equal(0, DbtStandInProcess.Run(["parse", "--project-dir", copy.Dir]).ExitCode);

        var (code, stdout, _) = await RetlInProcess.RunAsync("check", "--project-dir", copy.Dir);

        Assert.Equal(2, code);
        Assert.Contains("Checking 7 syncs on 3 models", stdout, StringComparison.Ordinal);
        Assert.Contains("is missing required key 'primary_key'", stdout, StringComparison.Ordinal);
    }
}
