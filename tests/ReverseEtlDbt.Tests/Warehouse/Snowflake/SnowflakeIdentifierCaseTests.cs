using System.Text.RegularExpressions;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.State;
using ReverseEtlDbt.Tests.Support;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

/// <summary>
/// Snowflake compares quoted names case-sensitively, the emulator (DuckDB underneath) does not: so every statement of a
/// sync, a plan, rejected rows and a reset is gathered and each quoted name must be spelled in one case only across
/// them all (<c>"primary_key"</c> in one statement and <c>"PRIMARY_KEY"</c> in another would fail on Snowflake).
/// </summary>
public sealed partial class SnowflakeIdentifierCaseTests
{
    [Fact]
    public async Task Every_quoted_name_is_spelled_in_one_case_across_all_statements()
    {
        await using var db = await TestWarehouse.OpenAsync(WarehouseKind.Snowflake);
        await db.ExecuteAsync("""
            create table scores (customer_id integer, email varchar, score integer);
            insert into scores select i, 'user' || i || '@example.com', i % 7 from generate_series(1, 30) as t(i);
            insert into scores values (null, 'nokey@example.com', 1), (7, 'twin@example.com', 2)
            """);
        var emulator = db.SnowflakeEmulator!;
        var plan = EngineOnEveryWarehouseTests.Plan(db, emulator);
        var log = new StatementLog();
        var open = log.Wrap(db.OpenAnotherAsync);
        using var http = new HttpClient();
        var engine = new SyncEngine(new SyncEnvironment(open, new EngineOptions { StateSchema = "retl_state" }, TimeProvider.System, NoProgress.Instance), http);

        await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None);
        await db.ExecuteAsync("update scores set score = 100 where customer_id = 3; delete from scores where customer_id = 4");
        await new SyncPlanner(open, new DiffOptions(), stateSchema: "retl_state").PlanAsync(plan, CancellationToken.None);
        await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None);
        await using (var warehouse = await open(CancellationToken.None))
        {
            var ledger = await StateLedger.OpenAsync(warehouse, "retl_state", TimeProvider.System, default);
            await ledger.RecordRejectedAsync(plan.Sync.Id, [new RejectedRow("5", "bad", null)], default);
            await (await StateLedgerView.OpenAsync(warehouse, "retl_state", default)).ShowAsync(null, default);
            await ledger.ResetAsync(plan.Sync.Id, default);
        }

        var names = log.Statements.SelectMany(sql => Quoted().Matches(sql).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.Contains("synced_rows", names);
        Assert.Contains("SCORES", names);
        var clashes = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "spelled in more than one case: " + string.Join(", ", clashes));
    }

    [GeneratedRegex("\"((?:[^\"]|\"\")+)\"")]
    private static partial Regex Quoted();
}
