using System.Text.RegularExpressions;
using ReverseEtlDbt.Tests.Engine;
using ReverseEtlDbt.Tests.Privacy;
using ReverseEtlDbt.Tests.Support;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.Salesforce.SalesforceProject;

namespace ReverseEtlDbt.Tests.Destinations.Salesforce;

/// <summary><c>retl sync</c> end to end (example project, DuckDB, engine) into the Salesforce emulator.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SalesforceSyncTests
{
    [Fact]
    public async Task Two_hundred_fifty_rows_go_out_as_two_upserts_and_an_unchanged_rerun_sends_nothing()
    {
        var (harness, secret) = await StartAsync();
        await using var _ = harness;
        await CustomerHealthRows.GrowAsync(harness, 250);

        var first = await harness.SyncAsync(SyncId);
        var requestsAfterFirst = DataRequests(harness).Count;
        var rerun = await harness.SyncAsync(SyncId);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal([200, 50], DataRequests(harness).Select(r => r.RecordCount).Order().Reverse());
        Assert.All(DataRequests(harness), r => Assert.Equal(("upsert", 200), (r.Operation, r.Status)));
        Assert.Equal(2, requestsAfterFirst);
        await AssertContactsEqualModelAsync(harness);
        Assert.Equal(250, (await harness.SyncedKeysAsync(SyncId)).Count);
        var counts = harness.SyncResult(SyncId)["counts"]!;
        Assert.Equal((0, 0, 0), (counts["added"]!.GetValue<long>(), counts["changed"]!.GetValue<long>(), counts["requests"]!.GetValue<long>()));
        await SecretLeakScan.AssertNoSecretsAsync(harness, [first, rerun], [secret, .. harness.Emulator.Salesforce.IssuedTokens]);
    }

    [Fact]
    public async Task With_a_bulk_threshold_a_large_diff_goes_through_one_bulk_job_and_a_small_one_through_collections()
    {
        var (harness, secret) = await StartAsync(connectionKeys: "bulk_threshold: 100");
        await using var _ = harness;
        await CustomerHealthRows.GrowAsync(harness, 250);

        var first = await harness.SyncAsync(SyncId);
        await harness.ExecuteAsync("update main.customer_health set first_name = 'Changed' where customer_id in (3, 4)");
        var second = await harness.SyncAsync(SyncId);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var job = Assert.Single(harness.Emulator.Salesforce.BulkJobs);
        Assert.Equal(("JobComplete", 250), (job.State, job.RecordCount));
        Assert.Equal(2, Assert.Single(DataRequests(harness), r => r.Operation == "upsert").RecordCount);
        await AssertContactsEqualModelAsync(harness);
        Assert.Equal(250, (await harness.SyncedKeysAsync(SyncId)).Count);
        await SecretLeakScan.AssertNoSecretsAsync(harness, [first, second], [secret, .. harness.Emulator.Salesforce.IssuedTokens]);
    }

    [Fact]
    public async Task Rows_salesforce_refuses_are_rejected_and_the_rest_of_the_batch_is_synced()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        harness.Emulator.Salesforce.Options.ValuePatterns["Tier__c"] = new Regex("^(silver|gold)$");
        var bronze = (await harness.QueryAsync("select customer_id from main.customer_health where tier = 'bronze'")).Count;
        Assert.InRange(bronze, 1, 49);

        var run = await harness.SyncAsync(SyncId);

        Assert.True(run.ExitCode == 1, run.ToString());
        var result = harness.SyncResult(SyncId);
        Assert.Equal("partial", result["status"]!.GetValue<string>());
        Assert.Equal(bronze, result["counts"]!["rejected"]!.GetValue<long>());
        var error = Assert.Single(result["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "rows_rejected")!;
        Assert.StartsWith("FIELD_CUSTOM_VALIDATION_EXCEPTION", error["sample"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertContactsEqualModelAsync(harness, exceptWhere: "tier = 'bronze'");
        Assert.Equal(50 - bronze, (await harness.SyncedKeysAsync(SyncId)).Count);

        harness.Emulator.Salesforce.Options.ValuePatterns.Clear(); // the admin relaxes the rule: next run sends only the rejected rows
        var retry = await harness.SyncAsync(SyncId);
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal(bronze, DataRequests(harness)[^1].RecordCount);
        await AssertContactsEqualModelAsync(harness);
    }

    [Fact]
    public async Task An_invalid_email_salesforce_quotes_back_is_masked_everywhere()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        await harness.ExecuteAsync($"update main.customer_health set email = '{QuotedPiiSyncTests.InvalidEmail}' where customer_id = 4");

        var run = await harness.SyncAsync(SyncId);

        Assert.True(run.ExitCode == 1, run.ToString());
        var error = Assert.Single(harness.SyncResult(SyncId)["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "rows_rejected")!;
        Assert.StartsWith("INVALID_EMAIL_ADDRESS", error["sample"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        await QuotedPiiScan.AssertMaskedEverywhereAsync(harness, SyncId, QuotedPiiSyncTests.InvalidEmail, [run]);
    }

    [Fact]
    public async Task Session_expiring_mid_sync_is_renewed_and_the_sync_completes()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        await CustomerHealthRows.GrowAsync(harness, 250);
        harness.Emulator.Salesforce.ExpireSessionsAfter(1); // the first batch is accepted, then the session ends

        var run = await harness.SyncAsync(SyncId);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, harness.Emulator.Salesforce.IssuedTokens.Count);
        Assert.Single(DataRequests(harness), r => r.Status == 401);
        Assert.Equal(2, DataRequests(harness).Count(r => r.Status == 200));
        await AssertContactsEqualModelAsync(harness);
        Assert.Equal("success", harness.SyncResult(SyncId)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refused_client_secret_stops_the_connection_with_a_clear_error_and_no_secret_in_any_output()
    {
        var (harness, secret) = await StartAsync();
        await using var __ = harness;
        var wrong = "sf-wrong-" + Guid.NewGuid().ToString("N");
        harness.SetEnv("SALESFORCE_CLIENT_SECRET", wrong);

        var run = await harness.SyncAsync(SyncId, SyncHarness.AccountsSync);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["token"], harness.Emulator.Salesforce.Requests.Select(r => r.Operation)); // no data call was made
        var result = harness.SyncResult(SyncId);
        Assert.Equal("error", result["status"]!.GetValue<string>());
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal("auth_failed", error["code"]!.GetValue<string>());
        Assert.Contains("Connection 'salesforce' refused the credentials", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("invalid_client", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(harness.Emulator.Salesforce.Records("Contact"));
        Assert.Empty(await harness.SyncedKeysAsync(SyncId));
        Assert.Equal("success", harness.SyncResult(SyncHarness.AccountsSync)["status"]!.GetValue<string>()); // other connections go on
        await SecretLeakScan.AssertNoSecretsAsync(harness, [run], wrong, secret);
    }

    [Fact]
    public async Task Limit_throttling_and_unavailable_answers_are_retried_without_duplicates()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        var faults = harness.Emulator.Salesforce.Faults;
        faults.RetryAfter = TimeSpan.FromSeconds(1);
        faults.QueueStatus(403); // REQUEST_LIMIT_EXCEEDED
        faults.QueueThrottling(1);
        faults.QueueStatus(503);

        var run = await harness.SyncAsync(SyncId);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([403, 429, 503, 200], DataRequests(harness).Select(r => r.Status));
        var result = harness.SyncResult(SyncId);
        Assert.Equal(3, result["counts"]!["retries"]!.GetValue<long>());
        Assert.Equal(50, result["counts"]!["added"]!.GetValue<long>());
        await AssertContactsEqualModelAsync(harness);
    }

    [Fact]
    public async Task Mirror_deletes_only_the_records_this_sync_wrote_whose_rows_left_the_model()
    {
        var (harness, _) = await StartAsync();
        await using var __ = harness;
        var foreign = harness.Emulator.Salesforce.Seed("Contact", new Dictionary<string, string> { [ExternalId] = "app-owned", ["LastName"] = "Kept" });
        var first = await harness.SyncAsync(SyncId);
        Assert.True(first.ExitCode == 0, first.ToString());
        var removedIds = new[] { "7", "31" }.Select(k => harness.Emulator.Salesforce.FindRecord("Contact", ExternalId, k)!.Id).ToList();

        await harness.ExecuteAsync("delete from main.customer_health where customer_id in (7, 31)");
        var second = await harness.SyncAsync(SyncId);

        Assert.True(second.ExitCode == 0, second.ToString());
        var delete = Assert.Single(DataRequests(harness), r => r.Operation == "delete");
        Assert.Equal((2, 200), (delete.RecordCount, delete.Status));
        Assert.All(removedIds, id => Assert.Null(harness.Emulator.Salesforce.FindRecord("Contact", "Id", id)));
        Assert.NotNull(harness.Emulator.Salesforce.FindRecord("Contact", "Id", foreign.Id));
        Assert.Equal(49, harness.Emulator.Salesforce.Records("Contact").Count); // 48 model rows + the app's own
        Assert.Equal(2, harness.SyncResult(SyncId)["counts"]!["removed"]!.GetValue<long>());
        Assert.Equal(48, (await harness.SyncedKeysAsync(SyncId)).Count);
    }
}
