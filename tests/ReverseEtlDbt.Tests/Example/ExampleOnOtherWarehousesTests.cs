using System.Globalization;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Example;

/// <summary>
/// The example's HubSpot sync, run by the CLI against its models on another warehouse type (issue 13's list): the
/// first run sends every row, an unchanged model sends nothing, a change sends only the changed rows (a synced column
/// turned NULL included, once), a renamed contract column stops the sync with exit 2 and no request, and runs killed
/// with SIGKILL lose and duplicate nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExampleOnOtherWarehousesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Sync = SyncHarness.HubSpotSync;

    [SkippableTheory]
    [InlineData("redshift")]
    [InlineData("snowflake")]
    public async Task The_example_syncs_only_what_changed_and_stops_on_a_renamed_column(string type)
    {
        await using var example = await ExampleOnWarehouse.StartAsync(type);
        var hubSpot = example.Harness.Emulator.HubSpot;
        var rows = Convert.ToInt64(await example.ScalarAsync($"select count(*) from {example.Schema}.customer_health"), CultureInfo.InvariantCulture);

        var first = await example.RunAsync("sync", "--sync", Sync);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(rows, Result(example)["counts"]!["added"]!.GetValue<long>());
        Assert.Equal(rows, hubSpot.Records("contacts").Count);

        var requests = hubSpot.CountRequests();
        var idle = await example.RunAsync("sync", "--sync", Sync);
        Assert.Equal(0, idle.ExitCode);
        Assert.Equal(requests, hubSpot.CountRequests());
        var cost = Result(example)["warehouse"]!;
        output.WriteLine($"{type}: a no-change sync ran {cost["statements"]} statements: {cost.ToJsonString()}");
        if (type == "snowflake")
        {
            // Every statement of the sync carries its tag in Snowflake's query history, and the query ids are reported (a
            // transaction's request adds its BEGIN, COMMIT and each statement's own id).
            Assert.True(cost["query_ids"]!.AsArray().Count >= cost["statements"]!.GetValue<long>(), cost.ToJsonString());
            var tagged = example.Harness.Emulator.Snowflake.History.Where(q => q.QueryTag == "retl:" + Sync).ToList();
            Assert.Contains(tagged, q => q.StatementHandle == cost["query_ids"]![0]!.GetValue<string>());
            // One scan of the model and one of the sync's state: the key check and the values come from the diff's own pass.
            var ids = cost["query_ids"]!.AsArray().Select(id => id!.GetValue<string>()).ToHashSet();
            var run = tagged.Where(q => ids.Contains(q.StatementHandle)).ToList();
            Assert.Single(run, q => q.Sql.Contains(".\"CUSTOMER_HEALTH\"", StringComparison.Ordinal));
            Assert.Single(run, q => q.Sql.Contains("\"synced_rows\"", StringComparison.Ordinal));
            // The mapping is read, not rewritten, by a run that keeps it: 10 statements, where rewriting it cost two.
            Assert.Equal(10, cost["statements"]!.GetValue<long>());
            var secret = example.Harness.Emulator.Snowflake.Options.ProgrammaticAccessToken;
            foreach (var text in new[] { first.ToString(), idle.ToString() }
                .Concat(Directory.GetFiles(example.Harness.Target, "*.json").Select(File.ReadAllText)))
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        await example.ExecuteAsync($"""
            update {example.Schema}.customer_health set tier = 'platinum' where customer_id = 1;
            update {example.Schema}.customer_health set health_score = null where customer_id = 2
            """);
        Assert.Equal(0, (await example.RunAsync("sync", "--sync", Sync)).ExitCode);
        Assert.Equal(2, Result(example)["counts"]!["changed"]!.GetValue<long>());
        Assert.Equal(requests + 1, hubSpot.CountRequests());
        Assert.Equal(0, (await example.RunAsync("sync", "--sync", Sync)).ExitCode);
        Assert.Equal(requests + 1, hubSpot.CountRequests()); // the NULL was sent once, then not again

        await example.ExecuteAsync($"alter table {example.Schema}.customer_health rename column tier to account_tier");
        var renamed = await example.RunAsync("sync", "--sync", Sync);
        Assert.Equal(2, renamed.ExitCode);
        Assert.Equal(requests + 1, hubSpot.CountRequests());
        Assert.Contains("tier", renamed.Stdout + renamed.Stderr, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("redshift")]
    [InlineData("snowflake")]
    public async Task Killed_runs_lose_nothing_and_duplicate_nothing(string type)
    {
        await using var example = await ExampleOnWarehouse.StartAsync(type);
        await example.ExecuteAsync($"""
            insert into {example.Schema}.customer_health
            select 1000 + i, 'extra' || i || '@example.com', 'Extra', i % 100, 'silver', 120.0, null from generate_series(1, 250) as t(i)
            """);
        var hubSpot = example.Harness.Emulator.HubSpot;
        var random = new Random(20261203);
        for (var i = 0; i < 6; i++)
        {
            await example.ExecuteAsync($"update {example.Schema}.customer_health set health_score = {i} where customer_id % 7 = {i}");
            var inFlight = i % 2 == 0;
            if (inFlight) hubSpot.Faults.HoldRequests();
            var child = RetlProcess.Start(example.Harness, ["sync", .. example.CommonArgs, "--sync", Sync]);
            var killed = inFlight
                ? await child.KillWhenAsync(() => hubSpot.Faults.Held > 0, TimeSpan.Zero)
                : await child.KillWhenAsync(() => true, TimeSpan.FromMilliseconds(random.Next(200, 1500)));
            if (inFlight)
            {
                Assert.True(killed, $"run {i} ended before its held request was answered");
                hubSpot.Faults.ReleaseHeld();
            }
        }
        var final = await RetlProcess.Start(example.Harness, ["sync", .. example.CommonArgs, "--sync", Sync]).WaitAsync();
        Assert.True(final.ExitCode == 0, final.ToString());

        var model = (await example.QueryAsync($"select email, health_score from {example.Schema}.customer_health"))
            .ToDictionary(r => (string)r[0]!, r => r[1] is null ? "" : Convert.ToString(r[1], CultureInfo.InvariantCulture));
        var contacts = hubSpot.Records("contacts");
        Assert.Equal(model.Count, contacts.Count); // nothing duplicated, nothing lost
        foreach (var contact in contacts)
            Assert.Equal(model[contact["email"]!], contact["churn_risk_score"] ?? "");
        var requests = hubSpot.CountRequests();
        Assert.Equal(0, (await RetlProcess.Start(example.Harness, ["sync", .. example.CommonArgs, "--sync", Sync]).WaitAsync()).ExitCode);
        Assert.Equal(requests, hubSpot.CountRequests());
        // The killed runs' diff tables: temporary ones went with their sessions, Snowflake's transient one was replaced
        // by the next run's and dropped at its end.
        var scratch = await example.QueryAsync(
            "select table_name from information_schema.tables where lower(table_name) like 'retl_diff%' and table_type = 'BASE TABLE'");
        Assert.Empty(scratch);
    }

    private static System.Text.Json.Nodes.JsonNode Result(ExampleOnWarehouse example) => example.Harness.SyncResult(Sync);
}
