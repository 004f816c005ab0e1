using System.Globalization;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>Webhook batches arrive signed, and a retried delivery is the same delivery (same id, same bytes).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task Webhook_deliveries_verify_and_a_retried_delivery_keeps_its_webhook_id()
    {
        await using var harness = await SyncHarness.StartAsync();
        var faults = harness.Emulator.Webhook.Faults;
        faults.RetryAfter = TimeSpan.FromSeconds(1);
        faults.QueueStatus(503);

        var run = await harness.SyncAsync(SyncHarness.AccountsSync);

        Assert.True(run.ExitCode == 0, run.ToString());
        var requests = harness.Emulator.Webhook.Requests;
        Assert.Equal([503, 200], requests.Select(r => r.Status));
        Assert.Equal(requests[0].WebhookId, requests[1].WebhookId);
        Assert.StartsWith("msg_", requests[0].WebhookId, StringComparison.Ordinal);
        Assert.Equal(0, harness.Emulator.Webhook.CountRequests(401)); // the emulator verified the signature with the shared secret

        var delivery = Assert.Single(harness.Emulator.Webhook.Deliveries);
        Assert.Equal(requests[0].WebhookId, delivery.Id);
        Assert.Equal("account.tier_changed.upsert", delivery.Body.GetProperty("type").GetString());
        Assert.Equal(delivery.Body.GetProperty("data").GetProperty("batch_key").GetString(), delivery.IdempotencyKey?.Trim('"'));
        var records = delivery.Body.GetProperty("data").GetProperty("records").EnumerateArray()
            .ToDictionary(r => r.GetProperty("primary_key").GetString()!, r => r.GetProperty("fields"));
        var model = await harness.QueryAsync("select account_id, domain, tier, seats from main.account_tiers");
        Assert.Equal(model.Select(r => Convert.ToString(r["account_id"], CultureInfo.InvariantCulture)).Order(), records.Keys.Order());
        foreach (var row in model)
        {
            var fields = records[Convert.ToString(row["account_id"], CultureInfo.InvariantCulture)!];
            Assert.Equal((string)row["domain"]!, fields.GetProperty("domain").GetString());
            Assert.Equal((string)row["tier"]!, fields.GetProperty("tier").GetString());
            Assert.Equal(Convert.ToInt64(row["seats"], CultureInfo.InvariantCulture), fields.GetProperty("seats").GetInt64());
        }

        var result = harness.SyncResult(SyncHarness.AccountsSync);
        Assert.Equal(1, result["counts"]!["retries"]!.GetValue<long>());
        Assert.Equal(model.Count, result["counts"]!["added"]!.GetValue<long>());
    }
}
