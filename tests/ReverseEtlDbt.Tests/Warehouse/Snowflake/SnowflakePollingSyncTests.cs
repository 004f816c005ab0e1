using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

/// <summary>
/// A sync through the SQL API as Snowflake may answer it: every statement first answered 202 and polled, every result
/// cut into small partitions fetched one by one. Every row arrives once, and a second run finds nothing to send.
/// </summary>
public sealed class SnowflakePollingSyncTests
{
    [Fact]
    public async Task A_sync_polled_and_paged_through_partitions_sends_every_row_once()
    {
        await using var db = await TestWarehouse.OpenAsync(WarehouseKind.Snowflake);
        await db.ExecuteAsync("""
            create table scores (customer_id integer, email varchar, score integer);
            insert into scores select i, 'user' || i || '@example.com', i % 7 from generate_series(1, 240) as t(i)
            """);
        var emulator = db.SnowflakeEmulator!;
        emulator.Snowflake.Options.PendingPolls = 1;
        emulator.Snowflake.Options.PartitionSize = 7;
        var plan = EngineOnEveryWarehouseTests.Plan(db, emulator);
        using var http = new HttpClient();
        var engine = new SyncEngine(new SyncEnvironment(db.OpenAnotherAsync, new EngineOptions { StateSchema = "retl_state" }, TimeProvider.System, NoProgress.Instance), http);

        var first = Assert.Single(await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None));
        var requests = emulator.HubSpot.CountRequests();
        var second = Assert.Single(await engine.RunAsync([plan], CancellationToken.None, CancellationToken.None));

        Assert.Equal((SyncStatus.Success, 240L), (first.Status, first.Counts.Added));
        Assert.Equal(240, emulator.HubSpot.Records("contacts").Count);
        Assert.Equal((SyncStatus.Success, 0L), (second.Status, second.Counts.Requests));
        Assert.Equal(requests, emulator.HubSpot.CountRequests());
        Assert.Contains(emulator.Snowflake.Requests, r => r.Path.Contains("partition=", StringComparison.Ordinal));
    }
}
