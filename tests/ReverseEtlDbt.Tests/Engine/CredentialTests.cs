using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>Refused credentials stop their connection clearly; no secret ever reaches an output, an artifact or state.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CredentialTests
{
    [Fact]
    public async Task Unauthorised_token_stops_the_connection_with_a_clear_error_and_no_secret_in_any_output()
    {
        await using var harness = await SyncHarness.StartAsync();
        await CustomerHealthRows.GrowAsync(harness, 250);
        var wrongToken = "pat-na1-wrong-" + Guid.NewGuid().ToString("N");
        harness.SetEnv("HUBSPOT_TOKEN", wrongToken);

        var run = await harness.SyncAsync(SyncHarness.HubSpotSync, SyncHarness.AccountsSync);

        Assert.True(run.ExitCode == 1, run.ToString());
        var refused = Assert.Single(harness.Emulator.HubSpot.Requests); // the first batch is refused, the other two never go
        Assert.Equal(401, refused.Status);
        Assert.Empty(harness.Emulator.HubSpot.Records("contacts"));
        var result = harness.SyncResult(SyncHarness.HubSpotSync);
        Assert.Equal("error", result["status"]!.GetValue<string>());
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal("auth_failed", error["code"]!.GetValue<string>());
        Assert.Contains("Connection 'hubspot' refused the credentials", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("401", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("refused the credentials", run.Output, StringComparison.Ordinal);
        Assert.Empty(await harness.SyncedKeysAsync(SyncHarness.HubSpotSync));

        // The webhook connection is not concerned and delivers.
        Assert.Equal("success", harness.SyncResult(SyncHarness.AccountsSync)["status"]!.GetValue<string>());
        await SecretLeakScan.AssertNoSecretsAsync(harness, [run], wrongToken, harness.Token, harness.WebhookSecret);
    }

    [Fact]
    public async Task Refused_webhook_signature_stops_every_sync_on_that_connection()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.Emulator.Webhook.Options.Secret = "whsec_" + Convert.ToBase64String(new byte[32]); // not the connection's secret

        var run = await harness.RunAsync("sync", "--sync", SyncHarness.AccountsSync, "--sync", SyncHarness.AudienceSync, "--threads", "1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal([401], harness.Emulator.Webhook.Requests.Select(r => r.Status)); // the second sync sends nothing
        Assert.Empty(harness.Emulator.Webhook.Deliveries);
        foreach (var sync in new[] { SyncHarness.AccountsSync, SyncHarness.AudienceSync })
        {
            var result = harness.SyncResult(sync);
            Assert.Equal("error", result["status"]!.GetValue<string>());
            Assert.Equal("auth_failed", Assert.Single(result["errors"]!.AsArray())!["code"]!.GetValue<string>());
            Assert.Empty(await harness.SyncedKeysAsync(sync));
        }
        await SecretLeakScan.AssertNoSecretsAsync(harness, [run], harness.Token, harness.WebhookSecret);
    }

    [Fact]
    public async Task Ls_check_and_sync_never_print_or_store_the_token_or_the_webhook_secret()
    {
        await using var harness = await SyncHarness.StartAsync();
        // Fresh distinctive values in the env vars the connections file reads, accepted by the emulators.
        var token = "pat-na1-" + Guid.NewGuid().ToString("N");
        var secret = "whsec_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
        harness.SetEnv("HUBSPOT_TOKEN", token);
        harness.SetEnv("RETL_WEBHOOK_SECRET", secret);
        harness.Emulator.HubSpot.Options.ValidToken = token;
        harness.Emulator.Webhook.Options.Secret = secret;
        string[] ours = ["--sync", SyncHarness.HubSpotSync, "--sync", SyncHarness.AccountsSync, "--sync", SyncHarness.AudienceSync];

        var runs = new List<CliRun>
        {
            await harness.RunAsync("ls"),
            await harness.RunAsync("ls", "--output", "json"),
            await harness.RunAsync("check"),
            await harness.RunAsync("check", "--format", "json"),
            await harness.RunAsync(["sync", .. ours]),
        };
        await harness.ExecuteAsync("update main.customer_health set tier = 'gold' where customer_id < 5; update main.account_tiers set seats = seats + 1");
        runs.Add(await harness.RunAsync(["sync", .. ours, "--log-format", "json"]));
        harness.Emulator.Webhook.Options.Secret = "whsec_" + Convert.ToBase64String(new byte[32]); // signatures now fail: 401
        await harness.ExecuteAsync("update main.account_tiers set seats = seats + 1");
        runs.Add(await harness.RunAsync(["sync", .. ours, "--full-resync"]));

        Assert.True(runs[4].ExitCode == 0, runs[4].ToString());
        Assert.True(runs[5].ExitCode == 0, runs[5].ToString());
        Assert.True(runs[6].ExitCode == 1, runs[6].ToString());
        Assert.Equal(50, harness.Emulator.HubSpot.Records("contacts").Count);
        Assert.NotEmpty(harness.Emulator.Webhook.Deliveries);
        await SecretLeakScan.AssertNoSecretsAsync(harness, runs, token, secret);
    }
}
