using System.Globalization;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Privacy;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Destinations.MetaAudiences;

/// <summary>
/// The example's high_value_audience synced end to end (dbt build → retl sync → emulator) to a Meta custom audience
/// as a mirror, matched on hashed email and phone.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MetaAudiencesSyncTests
{
    private const string Audience = "23850000000000777";
    private const string AudienceSync = "high_value_audience__meta__" + Audience;

    [Fact]
    public async Task Sync_adds_every_row_hashed_and_a_rerun_sends_nothing()
    {
        var token = "EAAB" + Guid.NewGuid().ToString("N");
        await using var harness = await StartAsync(token);
        var model = await harness.QueryAsync("select email, phone from main.high_value_audience");

        var first = await harness.SyncAsync(AudienceSync);
        var added = harness.SyncResult(AudienceSync)["counts"]!["added"]!.GetValue<long>();
        var second = await harness.SyncAsync(AudienceSync);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(model.Count, added);
        Assert.Equal(0, harness.SyncResult(AudienceSync)["counts"]!["requests"]!.GetValue<long>());
        var meta = harness.Emulator.MetaAudiences;
        var request = Assert.Single(meta.Requests); // the rerun found no change and sent nothing
        Assert.Equal(("POST", model.Count, 200), (request.Method, request.Rows, request.Status));
        var members = meta.Members(Audience);
        Assert.Equal(model.Select(r => IdentifierHash.Sha256((string)r["email"]!)).Order(), members.Select(m => m.Identifiers["EMAIL"]).Order());
        var phone = (string)model[0]["phone"]!;
        Assert.Contains(members, m => m.Identifiers["PHONE"] == IdentifierHash.Sha256(new string(phone.Where(char.IsAsciiDigit).ToArray())));
        // No plain identifier left the process, neither as in the model nor normalised.
        foreach (var row in model)
        {
            Assert.DoesNotContain((string)row["email"]!, request.Payload, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(new string(((string)row["phone"]!).Where(char.IsAsciiDigit).ToArray()), request.Payload, StringComparison.Ordinal);
        }
        await SecretLeakScan.AssertNoSecretsAsync(harness, [first, second], token);
    }

    [Fact]
    public async Task Mirror_removes_the_members_whose_rows_left_the_model()
    {
        await using var harness = await StartAsync("EAAB" + Guid.NewGuid().ToString("N"));
        var first = await harness.SyncAsync(AudienceSync);
        Assert.True(first.ExitCode == 0, first.ToString());
        var leaving = await harness.QueryAsync("select customer_id, email from main.high_value_audience order by customer_id limit 2");
        var before = harness.Emulator.MetaAudiences.Members(Audience).Count;

        await harness.ExecuteAsync("delete from main.high_value_audience where customer_id in (" +
            string.Join(", ", leaving.Select(r => Convert.ToString(r["customer_id"], CultureInfo.InvariantCulture))) + ")");
        var second = await harness.SyncAsync(AudienceSync);

        Assert.True(second.ExitCode == 0, second.ToString());
        var remove = Assert.Single(harness.Emulator.MetaAudiences.Requests, r => r.Method == "DELETE");
        Assert.Equal((2, 200), (remove.Rows, remove.Status));
        var members = harness.Emulator.MetaAudiences.Members(Audience);
        Assert.Equal(before - 2, members.Count);
        Assert.All(leaving, r => Assert.DoesNotContain(members, m => m.Identifiers["EMAIL"] == IdentifierHash.Sha256((string)r["email"]!)));
        Assert.Equal(2, harness.SyncResult(AudienceSync)["counts"]!["removed"]!.GetValue<long>());
        Assert.Equal(before - 2, (await harness.SyncedKeysAsync(AudienceSync)).Count);
    }

    [Fact]
    public async Task Throttled_upload_is_retried_and_lands_once()
    {
        await using var harness = await StartAsync("EAAB" + Guid.NewGuid().ToString("N"));
        harness.Emulator.MetaAudiences.QueueThrottling(1, code: 17);

        var run = await harness.SyncAsync(AudienceSync);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([17, 0], harness.Emulator.MetaAudiences.Requests.Select(r => r.ErrorCode));
        var result = harness.SyncResult(AudienceSync);
        Assert.Equal("success", result["status"]!.GetValue<string>());
        Assert.Equal((1L, 2L), (result["counts"]!["retries"]!.GetValue<long>(), result["counts"]!["requests"]!.GetValue<long>()));
        var rows = (await harness.QueryAsync("select count(*) as n from main.high_value_audience"))[0]["n"];
        Assert.Equal(Convert.ToInt32(rows, CultureInfo.InvariantCulture), harness.Emulator.MetaAudiences.Members(Audience).Count);
    }

    [Fact]
    public async Task Expired_token_stops_the_connection_with_a_clear_error_and_no_secret()
    {
        var token = "EAAB" + Guid.NewGuid().ToString("N");
        await using var harness = await StartAsync(token);
        harness.Emulator.MetaAudiences.Options.TokenExpired = true;

        var run = await harness.SyncAsync(AudienceSync);

        Assert.True(run.ExitCode == 1, run.ToString());
        var result = harness.SyncResult(AudienceSync);
        Assert.Equal("error", result["status"]!.GetValue<string>());
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal("auth_failed", error["code"]!.GetValue<string>());
        var message = error["message"]!.GetValue<string>();
        Assert.Contains("Connection 'meta' refused the credentials", message, StringComparison.Ordinal);
        Assert.Contains("190/463", message, StringComparison.Ordinal);
        Assert.Contains("update the connection's access_token", message, StringComparison.Ordinal);
        Assert.Empty(harness.Emulator.MetaAudiences.Members(Audience));
        Assert.Empty(await harness.SyncedKeysAsync(AudienceSync));
        await SecretLeakScan.AssertNoSecretsAsync(harness, [run], token);
    }

    [Fact]
    public async Task Check_refuses_update_mode_for_an_audience()
    {
        await using var harness = await StartAsync("EAAB" + Guid.NewGuid().ToString("N"), mode: "update");

        var run = await harness.RunAsync("check");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Mode 'update' of sync '" + AudienceSync + "' is not supported by meta_audiences destinations", run.Output, StringComparison.Ordinal);
        Assert.Contains("upsert, insert, mirror", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_meta_refuses_and_quotes_is_masked_everywhere_hashed_or_not()
    {
        await using var harness = await StartAsync("EAAB" + Guid.NewGuid().ToString("N"));
        var email = (string)(await harness.QueryAsync("select email from main.high_value_audience order by customer_id limit 1"))[0]["email"]!;
        var hash = IdentifierHash.Sha256(email);
        harness.Emulator.MetaAudiences.Options.InvalidValues.Add(hash);

        var run = await harness.SyncAsync(AudienceSync);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(1, harness.SyncResult(AudienceSync)["counts"]!["rejected"]!.GetValue<long>());
        // Meta quotes the hash it was sent; the reason shows the masked email instead, and neither form appears anywhere.
        await QuotedPiiScan.AssertMaskedEverywhereAsync(harness, AudienceSync, email, [run], alsoAbsent: hash);
    }

    private static async Task<SyncHarness> StartAsync(string token, string mode = "mirror")
    {
        var harness = await SyncHarness.StartAsync(new EmulatorOptions { MetaAudiences = { ValidToken = token } }, dir => AddMetaAudience(dir, mode));
        harness.SetEnv("META_ACCESS_TOKEN", token);
        harness.SetEnv("META_URL", harness.Emulator.BaseUrl.ToString().TrimEnd('/'));
        return harness;
    }

    /// <summary>A second high_value_audience destination: a Meta custom audience, and its connection.</summary>
    private static void AddMetaAudience(string projectDir, string mode)
    {
        var entry = $$"""
                        - connection: meta
                          object: "{{Audience}}"
                          mode: {{mode}}
                          match: {column: email, field: EMAIL}
                          fields: {phone: PHONE}
                          hash: [email, phone]

            """;
        ExampleProjectFiles.AddDestination(projectDir, "            - connection: webhook\n              object: audience.high_value\n", entry);
        File.AppendAllText(Path.Combine(projectDir, "retl_connections.yml"), """

            meta:
              type: meta_audiences
              access_token: "{{ env_var('META_ACCESS_TOKEN') }}"
              base_url: "{{ env_var('META_URL', 'https://graph.facebook.com') }}"

            """);
    }
}
