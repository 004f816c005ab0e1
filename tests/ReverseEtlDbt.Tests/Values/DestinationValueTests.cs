using System.Text.Json;
using ReverseEtlDbt.Definitions;
using Npgsql;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.Postgres;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Tests.Destinations;
using ReverseEtlDbt.Tests.Destinations.HubSpot;
using ReverseEtlDbt.Tests.Destinations.Salesforce;
using ReverseEtlDbt.Tests.Destinations.Zendesk;
using ReverseEtlDbt.Tests.Support;
using Xunit;
using static ReverseEtlDbt.Tests.Values.ExtremeValues;

namespace ReverseEtlDbt.Tests.Values;

/// <summary>
/// Row 1 of <see cref="ExtremeValues"/>, read from each warehouse and sent to each destination's emulator: what the
/// emulator received carries every digit, the timestamptz in UTC with <c>Z</c>, the naive timestamp without a zone.
/// </summary>
public sealed class DestinationValueTests
{
    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.PostgresLikeKinds), MemberType = typeof(TestWarehouse))]
    public async Task Webhook_receives_json_numbers_with_every_digit(WarehouseKind kind)
    {
        await using var db = await OpenAsync(kind);
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        var sync = Sync(kind, "hook");
        var destination = DestinationBatches.Create(new global::ReverseEtlDbt.Destinations.Webhook.WebhookDestinationFactory(), DestinationBatches.Connection("hook", "webhook",
            new Dictionary<string, object?> { ["url"] = host.WebhookUrl.ToString(), ["secret"] = global::ReverseEtlDbt.Emulators.Webhook.WebhookEmulatorOptions.DefaultSecret }));

        await SendAsync(destination, sync, await FirstRowAsync(db, sync));

        var body = Assert.Single(host.Webhook.Deliveries).RawBody;
        Assert.Contains($"\"d38\":{Decimal38},\"n38\":{Nines38},\"neg\":-{Decimal38},\"big\":9223372036854775807,\"dbl\":0.1,", body);
        Assert.Contains("\"day\":\"2024-02-29\",\"ts\":\"2024-01-02T03:04:05.123456\",\"tstz\":\"2024-01-02T02:04:05.123456Z\"", body);
        if (kind == WarehouseKind.DuckDb) Assert.Contains($"\"hug\":{HugeMax}", body);
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.PostgresLikeKinds), MemberType = typeof(TestWarehouse))]
    public async Task HubSpot_receives_every_digit_as_property_text(WarehouseKind kind)
    {
        await using var db = await OpenAsync(kind);
        await using var host = await EmulatorHost.StartAsync(HubSpotBatches.Options(), CancellationToken.None);
        var sync = Sync(kind, match: new MatchSpec("email", "email"));

        await SendAsync(HubSpotBatches.Destination(host), sync, await FirstRowAsync(db, sync));

        var contact = Assert.Single(host.HubSpot.Records("contacts"));
        Assert.Equal((Decimal38, Nines38, "-" + Decimal38, "9223372036854775807"), (contact["d38"], contact["n38"], contact["neg"], contact["big"]));
        Assert.Equal(("2024-02-29", "2024-01-02T03:04:05.123456", "2024-01-02T02:04:05.123456Z"), (contact["day"], contact["ts"], contact["tstz"]));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.PostgresLikeKinds), MemberType = typeof(TestWarehouse))]
    public async Task Salesforce_receives_json_numbers_with_every_digit_and_timestamps_in_utc(WarehouseKind kind)
    {
        await using var db = await OpenAsync(kind);
        await using var host = await EmulatorHost.StartAsync(SalesforceBatches.Options(), CancellationToken.None);
        var sync = Sync(kind, "crm", "Contact", new MatchSpec("id", SalesforceBatches.ExternalId));

        await SendAsync(SalesforceBatches.Destination(host), sync, await FirstRowAsync(db, sync));

        var contact = Assert.Single(host.Salesforce.Records("Contact"));
        Assert.Equal((Decimal38, Nines38, "-" + Decimal38, "9223372036854775807"), (contact["d38"], contact["n38"], contact["neg"], contact["big"]));
        // Salesforce dateTime fields need a zone: a naive timestamp is taken as UTC (documented), digits kept.
        Assert.Equal(("2024-02-29", "2024-01-02T03:04:05.123456Z", "2024-01-02T02:04:05.123456Z"), (contact["day"], contact["ts"], contact["tstz"]));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.PostgresLikeKinds), MemberType = typeof(TestWarehouse))]
    public async Task Zendesk_receives_json_numbers_with_every_digit(WarehouseKind kind)
    {
        await using var db = await OpenAsync(kind);
        await using var host = await EmulatorHost.StartAsync(ZendeskBatches.Options(), CancellationToken.None);
        var sync = Sync(kind, "support", "users", new MatchSpec("id", "external_id"), fieldPrefix: "user_fields.") with
        {
            Static = new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement("Row One") },
        };

        await SendAsync(ZendeskBatches.Destination(host), sync, await FirstRowAsync(db, sync));

        var user = Assert.Single(host.Zendesk.Users);
        var fields = Assert.IsType<System.Text.Json.Nodes.JsonObject>(user.Fields["user_fields"]);
        Assert.Equal(JsonValueKind.Number, fields["d38"]!.GetValueKind());
        Assert.Equal((Decimal38, Nines38, "-" + Decimal38), (user.UserField("d38"), user.UserField("n38"), user.UserField("neg")));
        Assert.Equal(("2024-02-29", "2024-01-02T03:04:05.123456", "2024-01-02T02:04:05.123456Z"), (user.UserField("day"), user.UserField("ts"), user.UserField("tstz")));
    }

    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.PostgresLikeKinds), MemberType = typeof(TestWarehouse))]
    public async Task Postgres_destination_stores_every_digit_and_the_same_instants(WarehouseKind kind)
    {
        var server = TestPostgres.RequireConnectionString();
        await using var db = await OpenAsync(kind);
        var schema = "dest_" + Guid.NewGuid().ToString("N")[..10];
        await using var target = new NpgsqlConnection(server);
        await target.OpenAsync();
        await ExecuteAsync(target, $"""
            create schema {schema};
            create table {schema}.extremes (id integer primary key, d38 numeric(38,10), n38 numeric(38,0), neg numeric(38,10), big bigint,
                                            dbl double precision, day date, ts timestamp, tstz timestamptz, hug numeric(39,0));
            set time zone 'America/New_York';
            """);
        try
        {
            var sync = Sync(kind, "app", $"{schema}.extremes", new MatchSpec("id", "id"));
            var destination = new PostgresDestination(new PostgresDestinationOptions(new Secret(server), 1000, "test"));

            await SendAsync(destination, sync, await FirstRowAsync(db, sync));

            await using var read = new NpgsqlCommand(
                $"select d38::text, n38::text, neg::text, big::text, dbl::text, day::text, ts::text, (tstz at time zone 'UTC')::text, hug::text from {schema}.extremes", target);
            await using var row = await read.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.Equal([Decimal38, Nines38, "-" + Decimal38, "9223372036854775807", "0.1", "2024-02-29", "2024-01-02 03:04:05.123456", "2024-01-02 02:04:05.123456"],
                Enumerable.Range(0, 8).Select(row.GetString));
            Assert.Equal(kind == WarehouseKind.DuckDb ? HugeMax : null, row.IsDBNull(8) ? null : row.GetString(8));
        }
        finally
        {
            await ExecuteAsync(target, $"drop schema {schema} cascade");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task SendAsync(IDestination destination, DestinationSync sync, RecordChange row)
    {
        await using var _ = destination;
        var result = await destination.WriteAsync(DestinationBatches.Batch(sync, WriteOperation.Upsert, [row]), CancellationToken.None);
        Assert.True(Assert.Single(result.Rows).Status == RowStatus.Ok, result.Rows[0].Reason);
    }
}
