using System.Security.Cryptography;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Privacy;

/// <summary>
/// A webhook receiver that echoes the request's <c>Authorization</c> header in its error answers: the token of the
/// connection's <c>headers</c> reaches no output, file or table, whether the echo comes with a retried 503, a 400
/// that rejects the rows or a 401 that stops the connection.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EchoedSecretSyncTests
{
    [Fact]
    public async Task Webhook_token_echoed_in_503_400_and_401_answers_appears_nowhere()
    {
        await using var harness = await SyncHarness.StartAsync(editProject: dir =>
        {
            QuotedPiiSyncTests.AddCustomerWebhook(dir);
            var connections = Path.Combine(dir, "retl_connections.yml");
            File.WriteAllText(connections, File.ReadAllText(connections).Replace("  batch_size: 100\n",
                "  batch_size: 100\n  headers:\n    Authorization: \"Bearer {{ env_var('RETL_WEBHOOK_TOKEN') }}\"\n", StringComparison.Ordinal));
        });
        var token = "whtok-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        harness.SetEnv("RETL_WEBHOOK_TOKEN", token);
        var webhook = harness.Emulator.Webhook;
        webhook.Options.EchoAuthorization = true;
        webhook.Options.ValidateEmails = true;
        webhook.Faults.RetryAfter = TimeSpan.Zero;
        webhook.Faults.QueueStatus(503);
        await harness.ExecuteAsync($"update main.customer_health set email = '{QuotedPiiSyncTests.InvalidEmail}' where customer_id = 4");

        var rejected = await harness.SyncAsync(QuotedPiiSyncTests.CustomerWebhookSync);

        Assert.True(rejected.ExitCode == 1, rejected.ToString());
        Assert.Equal([503, 400], webhook.Requests.Select(r => r.Status));
        Assert.True(rejected.Output.Contains("You sent Authorization: *****", StringComparison.Ordinal), rejected.Output); // the retry line
        var reason = harness.SyncResult(QuotedPiiSyncTests.CustomerWebhookSync)["errors"]![0]!["sample"]![0]!["reason"]!.GetValue<string>();
        Assert.Contains("You sent Authorization: *****", reason, StringComparison.Ordinal);

        webhook.Faults.QueueStatus(401);
        var refused = await harness.SyncAsync(QuotedPiiSyncTests.CustomerWebhookSync);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        var error = Assert.Single(harness.SyncResult(QuotedPiiSyncTests.CustomerWebhookSync)["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "auth_failed")!;
        Assert.Contains("You sent Authorization: *****", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var state = await harness.RunAsync("state", "rejected", "--output", "json");
        await SecretLeakScan.AssertNoSecretsAsync(harness, [rejected, refused, state, await harness.RunAsync("state", "rejected")], token, harness.WebhookSecret);
    }
}
