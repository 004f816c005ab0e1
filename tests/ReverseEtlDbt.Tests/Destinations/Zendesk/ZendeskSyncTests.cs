using System.Globalization;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Privacy;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Destinations.Zendesk;

/// <summary>The example project synced to Zendesk users end to end: retl, the engine, the client and the emulator.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ZendeskSyncTests
{
    private const string Sync = "customer_health__zendesk__users";

    [Fact]
    public async Task Mirror_sync_upserts_in_batches_of_100_reruns_send_nothing_and_removals_delete_only_our_users()
    {
        await using var harness = await StartAsync();
        var agentMade = harness.Emulator.Zendesk.Seed("Agent Made", email: "agent-made@example.com");
        await CustomerHealthRows.GrowAsync(harness, 250);

        var first = await harness.SyncAsync(Sync);

        Assert.True(first.ExitCode == 0, first.ToString());
        var requests = harness.Emulator.Zendesk.Requests;
        Assert.Equal([50, 100, 100], requests.Where(r => r.Method == "POST").Select(r => r.UserCount).Order());
        Assert.Equal(3, requests.Count(r => r.JobStatus == "completed"));
        var model = await ModelAsync(harness);
        Assert.Equal(model.Keys.Order(), harness.Emulator.Zendesk.Users.Where(u => u.ExternalId is not null).Select(u => u.ExternalId!).Order());
        var user7 = harness.Emulator.Zendesk.FindByExternalId("7")!;
        Assert.Equal((model["7"].Email, model["7"].Name), (user7.Email, user7["name"]));
        Assert.NotNull(user7.UserField("health_score"));
        Assert.Equal(250, harness.SyncResult(Sync)["counts"]!["added"]!.GetValue<long>());

        var rerun = await harness.SyncAsync(Sync);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(requests.Count, harness.Emulator.Zendesk.Requests.Count);

        await harness.ExecuteAsync("delete from main.customer_health where customer_id in (7, 1003)");
        var mirror = await harness.SyncAsync(Sync);

        Assert.True(mirror.ExitCode == 0, mirror.ToString());
        Assert.Equal(2, Assert.Single(harness.Emulator.Zendesk.Requests, r => r.Method == "DELETE").UserCount);
        Assert.Null(harness.Emulator.Zendesk.FindByExternalId("7"));
        Assert.Null(harness.Emulator.Zendesk.FindByExternalId("1003"));
        Assert.Contains(harness.Emulator.Zendesk.Users, u => u.Id == agentMade.Id); // a user this sync never wrote stays
        Assert.Equal(2, harness.SyncResult(Sync)["counts"]!["removed"]!.GetValue<long>());
        Assert.Equal(248, (await harness.SyncedKeysAsync(Sync)).Count);
    }

    [Fact]
    public async Task Throttled_bulk_call_is_retried_after_retry_after_and_nothing_is_duplicated()
    {
        await using var harness = await StartAsync();
        harness.Emulator.Zendesk.Faults.RetryAfter = TimeSpan.FromSeconds(1);
        harness.Emulator.Zendesk.Faults.QueueThrottling(1);

        var run = await harness.SyncAsync(Sync);

        Assert.True(run.ExitCode == 0, run.ToString());
        var requests = harness.Emulator.Zendesk.Requests.OrderBy(r => r.At).ToList();
        Assert.Equal(429, requests[0].Status);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900),
            $"the retry came {(requests[1].At - requests[0].At).TotalMilliseconds} ms after a 429 with Retry-After: 1");
        Assert.Equal(50, harness.Emulator.Zendesk.Users.Count);
        Assert.Equal(1, harness.SyncResult(Sync)["counts"]!["retries"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_user_zendesk_refuses_is_rejected_alone_with_its_reason_and_retried_next_run()
    {
        await using var harness = await StartAsync();
        await harness.ExecuteAsync("update main.customer_health set email = 'broken-at-example.com' where customer_id = 4");

        var first = await harness.SyncAsync(Sync);

        Assert.True(first.ExitCode == 1, first.ToString());
        var result = harness.SyncResult(Sync);
        Assert.Equal(("partial", 1, 49), (result["status"]!.GetValue<string>(),
            result["counts"]!["rejected"]!.GetValue<long>(), result["counts"]!["added"]!.GetValue<long>()));
        var sample = Assert.Single(result["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "rows_rejected")!["sample"]![0]!;
        Assert.Equal("4", sample["primary_key"]!.GetValue<string>());
        Assert.Contains("is not properly formatted", sample["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("broken-at-example.com", File.ReadAllText(harness.SyncResultsPath), StringComparison.Ordinal);
        Assert.DoesNotContain("4", await harness.SyncedKeysAsync(Sync));

        await harness.ExecuteAsync("update main.customer_health set email = 'fixed4@example.com' where customer_id = 4");
        var second = await harness.SyncAsync(Sync);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(1, Assert.Single(harness.Emulator.Zendesk.Requests.Skip(3), r => r.Method == "POST").UserCount);
        Assert.Equal("fixed4@example.com", harness.Emulator.Zendesk.FindByExternalId("4")?.Email);
    }

    [Fact]
    public async Task An_invalid_email_zendesk_quotes_back_is_masked_everywhere()
    {
        await using var harness = await StartAsync();
        await harness.ExecuteAsync($"update main.customer_health set email = '{QuotedPiiSyncTests.InvalidEmail}' where customer_id = 4");

        var run = await harness.SyncAsync(Sync);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(1, harness.SyncResult(Sync)["counts"]!["rejected"]!.GetValue<long>());
        await QuotedPiiScan.AssertMaskedEverywhereAsync(harness, Sync, QuotedPiiSyncTests.InvalidEmail, [run]);
    }

    [Fact]
    public async Task Refused_api_token_stops_the_connection_with_a_clear_error_and_no_secret_in_any_output()
    {
        await using var harness = await StartAsync();
        await CustomerHealthRows.GrowAsync(harness, 250);
        var wrong = "zd-wrong-" + Guid.NewGuid().ToString("N");
        harness.SetEnv("ZENDESK_API_TOKEN", wrong);

        var run = await harness.SyncAsync(Sync);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal([401], harness.Emulator.Zendesk.Requests.Select(r => r.Status)); // the other batches never go
        var error = Assert.Single(harness.SyncResult(Sync)["errors"]!.AsArray())!;
        Assert.Equal("auth_failed", error["code"]!.GetValue<string>());
        Assert.Contains("Connection 'zendesk' refused the credentials", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'api_token'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(harness.Emulator.Zendesk.Users);
        await SecretLeakScan.AssertNoSecretsAsync(harness, [run], wrong, harness.Emulator.Zendesk.Options.ApiToken);
    }

    [Fact]
    public async Task A_connection_without_credentials_fails_the_sync_naming_the_keys_to_add()
    {
        await using var harness = await StartAsync();
        var connections = Path.Combine(harness.ProjectDir, "retl_connections.yml");
        var text = File.ReadAllText(connections);
        File.WriteAllLines(connections, text.Split('\n').Where(l => !l.Contains("api_token:", StringComparison.Ordinal) && !l.Contains("  email:", StringComparison.Ordinal)));

        var run = await harness.SyncAsync(Sync);

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = Assert.Single(harness.SyncResult(Sync)["errors"]!.AsArray())!;
        // Refused by the static checks, before the sync starts: the connection's keys cannot work.
        Assert.Equal("check_failed", error["code"]!.GetValue<string>());
        Assert.Contains("Connection 'zendesk' (type zendesk) has no complete credentials", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("oauth_token", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(harness.Emulator.Zendesk.Requests);
    }

    [Fact]
    public async Task Check_refuses_a_mode_zendesk_does_not_offer_before_anything_is_sent()
    {
        await using var harness = await StartAsync(mode: "update");

        var check = await harness.RunAsync("check");

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Contains("Mode 'update' of sync 'customer_health__zendesk__users' is not supported by zendesk destinations", check.Output, StringComparison.Ordinal);
        Assert.Contains("Supported modes: upsert, mirror", check.Output, StringComparison.Ordinal);
        Assert.Empty(harness.Emulator.Zendesk.Requests);
    }

    /// <summary>The example with a Zendesk connection (API token from env vars) and customer_health mirrored to its users.</summary>
    private static async Task<SyncHarness> StartAsync(string mode = "mirror")
    {
        var harness = await SyncHarness.StartAsync(editProject: dir => AddZendesk(dir, mode));
        var token = "zd-" + Guid.NewGuid().ToString("N");
        harness.Emulator.Zendesk.Options.ApiToken = token;
        harness.SetEnv("ZENDESK_URL", harness.Emulator.BaseUrl.ToString());
        harness.SetEnv("ZENDESK_EMAIL", harness.Emulator.Zendesk.Options.Email);
        harness.SetEnv("ZENDESK_API_TOKEN", token);
        return harness;
    }

    private static void AddZendesk(string projectDir, string mode)
    {
        File.AppendAllText(Path.Combine(projectDir, "retl_connections.yml"), """

            zendesk:
              type: zendesk
              base_url: "{{ env_var('ZENDESK_URL') }}"
              email: "{{ env_var('ZENDESK_EMAIL') }}"
              api_token: "{{ env_var('ZENDESK_API_TOKEN') }}"
              job_poll_seconds: 0.02

            """);
        var destination = $$"""
                        - connection: zendesk
                          object: users
                          mode: {{mode}}
                          match: {column: customer_id, field: external_id}
                          fields:
                            email: email
                            first_name: name
                            health_score: user_fields.health_score
                            tier: user_fields.tier
                          allow_pii: [email]

            """;
        ExampleProjectFiles.AddDestination(projectDir, ExampleProjectFiles.WarehouseAppDestination, destination);
    }

    private static async Task<IReadOnlyDictionary<string, (string Email, string Name)>> ModelAsync(SyncHarness harness) =>
        (await harness.QueryAsync("select customer_id, email, first_name from main.customer_health"))
        .ToDictionary(r => Convert.ToString(r["customer_id"], CultureInfo.InvariantCulture)!, r => ((string)r["email"]!, (string)r["first_name"]!));
}
