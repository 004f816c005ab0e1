using System.Text.Json;
using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations.Webhook;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Emulators.Webhook;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;
using static ReverseEtlDbt.Tests.Values.ExtremeValues;

namespace ReverseEtlDbt.Tests.Values;

/// <summary>The engine end to end: a value no destination can take rejects its row alone, naming the column; nothing crashes.</summary>
public sealed class UnsendableValueSyncTests
{
    [SkippableTheory]
    [MemberData(nameof(TestWarehouse.PostgresLikeKinds), MemberType = typeof(TestWarehouse))]
    public async Task Infinite_date_and_NaN_reject_their_rows_by_column_and_the_exact_row_is_synced(WarehouseKind kind)
    {
        await using var db = await OpenAsync(kind);
        await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        using var http = new HttpClient();
        var engine = new SyncEngine(new SyncEnvironment(db.OpenAnotherAsync, new EngineOptions { StateSchema = db.Schema }, TimeProvider.System, NoProgress.Instance), http);

        var outcome = Assert.Single(await engine.RunAsync([Plan(db, emulator)], CancellationToken.None, CancellationToken.None));

        Assert.Equal((1L, 2L, 0L), (outcome.Counts.Added, outcome.Counts.Rejected, outcome.Counts.Failed));
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(OutcomeCode.RowsRejected, error.Code);
        var reasons = error.Sample!.ToDictionary(s => (string)s["primary_key"]!, s => (string)s["reason"]!);
        Assert.Equal("column 'day' holds 'infinity', not a date between 0001-01-01 and 9999-12-31", reasons["2"]);
        Assert.Equal("column 'dbl' holds 'Infinity', not a finite number (JSON has no NaN or Infinity)", reasons["3"]);
        var delivery = Assert.Single(emulator.Webhook.Deliveries);
        Assert.Contains($"\"d38\":{Decimal38},", delivery.RawBody);
        Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync($"select count(*) from {db.Schema}.synced_rows")));
    }

    private static SyncPlan Plan(TestWarehouse db, EmulatorHost emulator)
    {
        var types = new Dictionary<string, string>
        {
            ["id"] = "integer", ["email"] = "varchar", ["d38"] = "decimal(38,10)", ["n38"] = "decimal(38,0)", ["neg"] = "decimal(38,10)",
            ["big"] = "bigint", ["dbl"] = "double precision", ["day"] = "date", ["ts"] = "timestamp", ["tstz"] = "timestamptz", ["hug"] = "hugeint",
        };
        var model = new ManifestNode
        {
            UniqueId = "model.shop.extremes", ResourceType = "model", Name = "extremes", PackageName = "shop",
            Database = db.Database, Schema = db.Schema, Alias = "extremes", Contract = new ModelContract(true, true),
            Columns = ColumnsOf(db.Kind).Prepend("email").Prepend("id").Select(c => new ManifestColumn
            {
                Name = c, DataType = types[c], Meta = JsonDocument.Parse("{}").RootElement.Clone(),
            }).ToList(),
        };
        var connection = new ConnectionConfig("hook", "webhook", new Dictionary<string, object?>
        {
            ["url"] = emulator.WebhookUrl.ToString(), ["secret"] = WebhookEmulatorOptions.DefaultSecret,
        }, _ => null);
        return SyncPlan.Create(Sync(db.Kind, "hook"), model, connection, new WebhookDestinationFactory());
    }
}
