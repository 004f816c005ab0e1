using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Emulators;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.Zendesk.ZendeskBatches;

namespace ReverseEtlDbt.Tests.Destinations.Zendesk;

public sealed class ZendeskDestinationTests : IAsyncLifetime
{
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(Options(), CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private IReadOnlyList<ReverseEtlDbt.Emulators.Zendesk.ZendeskRequest> BulkCalls =>
        host.Zendesk.Requests.Where(r => r.Path.StartsWith("/api/v2/users/", StringComparison.Ordinal)).ToList();

    private IReadOnlyList<ReverseEtlDbt.Emulators.Zendesk.ZendeskRequest> Polls =>
        host.Zendesk.Requests.Where(r => r.Path.StartsWith("/api/v2/job_statuses/", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Upsert_of_250_rows_as_three_batches_creates_250_users_with_their_zendesk_ids()
    {
        await using var destination = Destination(host);
        var results = new List<RowOutcome>();
        foreach (var chunk in Enumerable.Range(1, 250).Select(n => Row(n)).Chunk(100))
            results.AddRange((await destination.WriteAsync(Batch(WriteOperation.Upsert, chunk), CancellationToken.None)).Rows);

        Assert.Equal(250, results.Count(r => r.Status == RowStatus.Ok && r.DestinationId is not null));
        Assert.Equal([100, 100, 50], BulkCalls.Select(r => r.UserCount));
        Assert.Equal(250, host.Zendesk.Users.Count);
        var user7 = host.Zendesk.FindByExternalId("c-7");
        Assert.Equal(("User 7", "user7@example.com", "7"), (user7?["name"], user7?.Email, user7?.UserField("health_score")));
        Assert.Equal(user7?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), results.Single(r => r.PrimaryKey == "7").DestinationId);
    }

    [Fact]
    public async Task A_batch_is_answered_only_once_its_job_completed()
    {
        host.Zendesk.Options.PollsToComplete = 4;
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1), Row(2)]), CancellationToken.None);

        Assert.Equal(["queued"], BulkCalls.Select(r => r.JobStatus));
        Assert.Equal(["working", "working", "working", "completed"], Polls.Select(r => r.JobStatus));
        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        Assert.Equal(2, host.Zendesk.Users.Count);
    }

    [Fact]
    public async Task Failed_job_items_reject_only_their_rows_with_zendesks_reason()
    {
        host.Zendesk.Seed("Someone Else", email: "taken@example.com");
        host.Zendesk.Seed("User 3", email: "old3@example.com", externalId: "c-3"); // matched by external id; its new email is someone else's
        await using var destination = Destination(host);
        var badEmail = Row(2, email: "not-an-email");
        var taken = Row(3, email: "taken@example.com");

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1), badEmail, taken, Row(4)]), CancellationToken.None);

        var rejected = result.Rows.Where(r => r.Status == RowStatus.Rejected).OrderBy(r => r.PrimaryKey).ToList();
        Assert.Equal(["2", "3"], rejected.Select(r => r.PrimaryKey));
        Assert.Contains("not properly formatted", rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("already being used by another user", rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("Email: t***@example.com is", rejected[1].Reason, StringComparison.Ordinal); // PII masked in reports
        Assert.Equal(["1", "4"], result.Rows.Where(r => r.Status == RowStatus.Ok).Select(r => r.PrimaryKey).Order());
        Assert.Equal(4, host.Zendesk.Users.Count);
        Assert.Equal("old3@example.com", host.Zendesk.FindByExternalId("c-3")?.Email);
    }

    [Fact]
    public async Task Upsert_by_email_updates_the_existing_user_instead_of_creating_one()
    {
        var existing = host.Zendesk.Seed("Old Name", email: "user1@example.com");
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(
            Batch(WriteOperation.Upsert, [Row(1, matchField: "email")], Users(matchField: "email")), CancellationToken.None);

        Assert.Equal(existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(result.Rows).DestinationId);
        Assert.Equal("User 1", Assert.Single(host.Zendesk.Users)["name"]);
    }

    [Fact]
    public async Task Null_field_is_sent_as_null_and_clears_the_attribute()
    {
        await using var destination = Destination(host);
        var row = Row(1) with { Fields = new Dictionary<string, object?> { ["name"] = "User 1", ["notes"] = "VIP" } };
        await destination.WriteAsync(Batch(WriteOperation.Upsert, [row]), CancellationToken.None);
        Assert.Equal("VIP", host.Zendesk.FindByExternalId("c-1")?["notes"]);

        await destination.WriteAsync(Batch(WriteOperation.Upsert, [row with { Fields = new Dictionary<string, object?> { ["notes"] = null } }]),
            CancellationToken.None);

        Assert.Null(host.Zendesk.FindByExternalId("c-1")?["notes"]);
        Assert.Equal("User 1", host.Zendesk.FindByExternalId("c-1")?["name"]);
    }

    [Fact]
    public async Task Over_the_rate_limit_the_write_is_transient_with_zendesks_retry_after()
    {
        host.Zendesk.Options.RateLimitPerMinute = 3; // one bulk call and two polls
        await using var destination = Destination(host);
        await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None);

        var error = await Assert.ThrowsAsync<DestinationTransientException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(2)]), CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        Assert.Single(host.Zendesk.Users);
    }

    [Fact]
    public async Task Injected_retry_after_is_the_delay_the_engine_gets()
    {
        host.Zendesk.Faults.RetryAfter = TimeSpan.FromSeconds(7);
        host.Zendesk.Faults.QueueThrottling(1);
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationTransientException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task Wrong_api_token_raises_auth_error_naming_the_keys_to_check_without_the_token()
    {
        const string Wrong = "zd-wrong-token-5a5a5a5a5a";
        await using var destination = Destination(host, apiToken: Wrong);

        var error = await Assert.ThrowsAsync<DestinationAuthException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("Couldn't authenticate you", error.Message, StringComparison.Ordinal);
        Assert.Contains("'api_token'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(host.Zendesk.Users);
    }

    [Fact]
    public async Task Oauth_token_is_sent_as_bearer_and_a_wrong_one_is_refused_without_appearing()
    {
        await using (var good = Destination(host, oauthToken: OAuthToken))
            Assert.Equal(RowStatus.Ok, Assert.Single((await good.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None)).Rows).Status);
        await using var bad = Destination(host, oauthToken: "zd-oauth-revoked-77");

        var error = await Assert.ThrowsAsync<DestinationAuthException>(
            () => bad.WriteAsync(Batch(WriteOperation.Upsert, [Row(2)]), CancellationToken.None));

        Assert.Contains("'oauth_token'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("zd-oauth-revoked-77", error.ToString(), StringComparison.Ordinal);
        Assert.Single(host.Zendesk.Users);
    }

    [Fact]
    public async Task Bulk_import_not_enabled_stops_the_connection_with_zendesks_reason()
    {
        host.Zendesk.Options.BulkImportEnabled = false;
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationAuthException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bulk user import is not enabled", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_100_users_in_one_call_is_refused_and_every_row_is_rejected()
    {
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, Enumerable.Range(1, 101).Select(n => Row(n))), CancellationToken.None);

        Assert.Equal(101, result.Rows.Count(r => r.Status == RowStatus.Rejected && r.Reason!.Contains("at most 100", StringComparison.Ordinal)));
        Assert.Empty(host.Zendesk.Users);
        Assert.Empty(Polls);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Server_errors_are_transient(int status)
    {
        host.Zendesk.Faults.QueueStatus(status);
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationTransientException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Empty(host.Zendesk.Users);
    }

    [Fact]
    public async Task A_job_whose_status_expired_is_transient_so_the_batch_is_sent_again()
    {
        host.Zendesk.Options.JobLifetime = TimeSpan.Zero;
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationTransientException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Contains("no longer known", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mirror_delete_removes_only_the_users_this_sync_wrote()
    {
        var foreign = host.Zendesk.Seed("Agent Made", email: "agent-made@example.com");
        await using var destination = Destination(host);
        var written = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1), Row(2)]), CancellationToken.None);
        var id1 = written.Rows.Single(r => r.PrimaryKey == "1").DestinationId;

        var result = await destination.WriteAsync(
            Batch(WriteOperation.Delete, [Row(1, destinationId: id1), Row(3)], Users(mode: SyncMode.Mirror)), CancellationToken.None);

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        Assert.Equal([foreign.Id, host.Zendesk.FindByExternalId("c-2")!.Id], host.Zendesk.Users.Select(u => u.Id));
        var delete = Assert.Single(host.Zendesk.Requests, r => r.Method == "DELETE");
        Assert.Equal(1, delete.UserCount);
    }

    [Fact]
    public async Task A_match_field_zendesk_cannot_match_by_stops_the_sync_with_a_hint()
    {
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)], Users(matchField: "phone")), CancellationToken.None));

        Assert.Contains("external_id or email", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Zendesk.Requests);
    }

    [Fact]
    public async Task An_object_other_than_users_stops_the_sync_before_any_request()
    {
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)], Users(@object: "organizations")), CancellationToken.None));

        Assert.Contains("Set `object: users`", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.Zendesk.Requests);
    }
}
