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

    [Fact]
    public async Task Answer_lost_after_the_receiver_stored_is_retried_and_stored_once()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Emulator.Webhook.LoseAnswersAfterStoring(1);

        var run = await harness.SyncAsync(SyncHarness.AccountsSync);

        Assert.True(run.ExitCode == 0, run.ToString());
        var requests = harness.Emulator.Webhook.Requests;
        Assert.Equal([0, 200], requests.Select(r => r.Status)); // dropped after storing, then the replay
        Assert.Equal(requests[0].WebhookId, requests[1].WebhookId);
        Assert.Single(harness.Emulator.Webhook.Deliveries);
        Assert.Equal(1, harness.Emulator.Webhook.DuplicateCount);
        var model = await harness.QueryAsync("select account_id from main.account_tiers");
        Assert.Equal(model.Count, (await harness.SyncedKeysAsync(SyncHarness.AccountsSync)).Count);
    }

    [Fact]
    public async Task Runner_killed_after_the_receiver_stored_but_before_state_was_committed_does_not_deliver_twice()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Emulator.Webhook.LoseAnswersAfterStoring(1_000); // the receiver stores; the runner never hears back

        var child = RetlProcess.Start(harness, ["sync", "--project-dir", harness.ProjectDir, "--sync", SyncHarness.AccountsSync]);
        var killed = await child.KillWhenAsync(() => harness.Emulator.Webhook.Deliveries.Count > 0, TimeSpan.Zero);

        Assert.True(killed, "the runner ended on its own before it was killed");
        var stored = Assert.Single(harness.Emulator.Webhook.Deliveries);
        Assert.Empty(await harness.SyncedKeysAsync(SyncHarness.AccountsSync)); // nothing acknowledged, nothing committed

        harness.Emulator.Webhook.LoseAnswersAfterStoring(0);
        var rerun = await harness.SyncAsync(SyncHarness.AccountsSync);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(stored.Id, Assert.Single(harness.Emulator.Webhook.Deliveries).Id); // the same delivery, not a second one
        Assert.True(harness.Emulator.Webhook.DuplicateCount >= 1);
        var model = await harness.QueryAsync("select account_id from main.account_tiers");
        Assert.Equal(model.Count, (await harness.SyncedKeysAsync(SyncHarness.AccountsSync)).Count);
    }
}
