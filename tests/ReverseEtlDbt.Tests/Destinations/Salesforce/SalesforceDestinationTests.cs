using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Emulators;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.Salesforce.SalesforceBatches;

namespace ReverseEtlDbt.Tests.Destinations.Salesforce;

public sealed class SalesforceDestinationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(Options(time), CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Upsert_creates_records_by_external_id_and_answers_their_ids()
    {
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(WriteOperation.Upsert, Row(1), Row(2));

        var contacts = host.Salesforce.Records("Contact");
        Assert.Equal(["C-1", "C-2"], contacts.Select(c => c[ExternalId]));
        Assert.Equal(contacts.Select(c => c.Id), result.Rows.OrderBy(r => r.PrimaryKey).Select(r => r.DestinationId));
        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        Assert.Equal(("User 2", "user2@example.com", "2"), (contacts[1]["LastName"], contacts[1]["Email"], contacts[1]["Score__c"]));
        var upsert = Assert.Single(host.Salesforce.Requests, r => r.Operation == "upsert");
        Assert.Equal(("/services/data/v60.0/composite/sobjects/Contact/Customer_Id__c", 2, 200), (upsert.Path, upsert.RecordCount, upsert.Status));
    }

    [Fact]
    public async Task Upsert_of_a_known_external_id_updates_that_record_and_a_null_clears_a_field()
    {
        var existing = host.Salesforce.Seed("Contact", new Dictionary<string, string> { [ExternalId] = "C-1", ["LastName"] = "Old", ["Email"] = "old@example.com" });
        await using var destination = Destination(host);
        var row = Row(1) with { Fields = new Dictionary<string, object?> { ["LastName"] = "New", ["Email"] = null } };

        var result = await destination.WriteAsync(WriteOperation.Upsert, row);

        Assert.Equal(existing.Id, Assert.Single(result.Rows).DestinationId);
        var contact = Assert.Single(host.Salesforce.Records("Contact"));
        Assert.Equal(("New", null), (contact["LastName"], contact["Email"]));
    }

    [Fact]
    public async Task Insert_goes_through_upsert_so_a_resent_batch_creates_no_duplicate()
    {
        await using var destination = Destination(host);

        await destination.WriteAsync(WriteOperation.Insert, Row(1), Row(2));
        var again = await destination.WriteAsync(WriteOperation.Insert, Row(1), Row(2));

        Assert.All(again.Rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        Assert.Equal(2, host.Salesforce.Records("Contact").Count);
    }

    [Fact]
    public async Task Partial_failure_rejects_only_the_invalid_rows_with_salesforce_error_codes()
    {
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(WriteOperation.Upsert, Row(1), Row(2, email: "not-an-email"), Row(3));

        var rejected = Assert.Single(result.Rows, r => r.Status == RowStatus.Rejected);
        Assert.Equal("2", rejected.PrimaryKey);
        Assert.StartsWith("INVALID_EMAIL_ADDRESS: ", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("(fields: Email)", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(["1", "3"], result.Rows.Where(r => r.Status == RowStatus.Ok).Select(r => r.PrimaryKey).Order());
        Assert.Equal(["C-1", "C-3"], host.Salesforce.Records("Contact").Select(c => c[ExternalId]));
    }

    [Fact]
    public async Task Row_without_a_match_value_is_rejected_without_a_request_for_it()
    {
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(WriteOperation.Upsert, Row(1), Row(2) with { MatchValue = null });

        Assert.Equal("the match value for external id field 'Customer_Id__c' is empty", result.Rows.Single(r => r.PrimaryKey == "2").Reason);
        Assert.Equal(1, host.Salesforce.Requests.Single(r => r.Operation == "upsert").RecordCount);
    }

    [Fact]
    public async Task Access_token_is_cached_across_batches()
    {
        await using var destination = Destination(host);

        await destination.WriteAsync(WriteOperation.Upsert, Row(1));
        await destination.WriteAsync(WriteOperation.Upsert, Row(2));

        Assert.Single(host.Salesforce.IssuedTokens);
        Assert.Equal(["token", "upsert", "upsert"], host.Salesforce.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task Session_expired_between_batches_is_renewed_once_and_the_batch_is_resent()
    {
        await using var destination = Destination(host);
        await destination.WriteAsync(WriteOperation.Upsert, Row(1));

        time.Advance(TimeSpan.FromHours(3)); // past the 2 h inactivity timeout
        var result = await destination.WriteAsync(WriteOperation.Upsert, Row(2));

        Assert.Equal(RowStatus.Ok, Assert.Single(result.Rows).Status);
        Assert.Equal(2, host.Salesforce.IssuedTokens.Count);
        Assert.Equal([("token", 200), ("upsert", 200), ("upsert", 401), ("token", 200), ("upsert", 200)],
            host.Salesforce.Requests.Select(r => (r.Operation, r.Status)));
        Assert.Equal(2, host.Salesforce.Records("Contact").Count);
    }

    [Fact]
    public async Task Concurrent_batches_meeting_an_expired_session_share_one_new_token()
    {
        await using var destination = Destination(host);
        await destination.WriteAsync(WriteOperation.Upsert, Row(1));
        host.Salesforce.ExpireSessions();

        var results = await Task.WhenAll(Enumerable.Range(2, 4).Select(n => destination.WriteAsync(WriteOperation.Upsert, Row(n))));

        Assert.All(results, r => Assert.Equal(RowStatus.Ok, Assert.Single(r.Rows).Status));
        Assert.Equal(2, host.Salesforce.IssuedTokens.Count);
    }

    [Fact]
    public async Task Session_refused_again_after_renewal_is_an_auth_error_without_any_secret()
    {
        host.Salesforce.Options.SessionTimeout = TimeSpan.Zero; // every token is dead on arrival
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationAuthException>(() => destination.WriteAsync(WriteOperation.Upsert, Row(1)));

        Assert.Contains("Salesforce connection 'crm': 401 INVALID_SESSION_ID: Session expired or invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("newly issued access token", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, host.Salesforce.IssuedTokens.Count); // one renewal, not a loop
        AssertNoSecret(error.ToString());
    }

    [Fact]
    public async Task Refused_client_secret_is_an_auth_error_that_says_what_to_check()
    {
        await using var destination = Destination(host, new Dictionary<string, string?> { ["client_secret"] = "wrong-" + ClientSecret });

        var error = await Assert.ThrowsAsync<DestinationAuthException>(() => destination.WriteAsync(WriteOperation.Upsert, Row(1)));

        Assert.Contains("refused the client_credentials grant (400 invalid_client: invalid client credentials)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check client_id, client_secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-", error.ToString(), StringComparison.Ordinal);
        AssertNoSecret(error.ToString());
        Assert.Empty(host.Salesforce.Records("Contact"));
    }

    [Fact]
    public async Task Refresh_token_grant_is_used_when_configured_and_follows_rotation()
    {
        host.Salesforce.Options.RotateRefreshTokens = true;
        await using var destination = Destination(host, new Dictionary<string, string?> { ["refresh_token"] = RefreshToken, ["client_secret"] = null });
        await destination.WriteAsync(WriteOperation.Upsert, Row(1));
        host.Salesforce.ExpireSessions();

        var result = await destination.WriteAsync(WriteOperation.Upsert, Row(2));

        Assert.Equal(RowStatus.Ok, Assert.Single(result.Rows).Status);
        Assert.NotEqual(RefreshToken, host.Salesforce.Options.RefreshToken); // rotated twice; the old one is void
        Assert.Equal(2, host.Salesforce.IssuedTokens.Count);
    }

    [Fact]
    public async Task Revoked_refresh_token_is_an_auth_error()
    {
        await using var destination = Destination(host, new Dictionary<string, string?> { ["refresh_token"] = "revoked-" + RefreshToken });

        var error = await Assert.ThrowsAsync<DestinationAuthException>(() => destination.WriteAsync(WriteOperation.Upsert, Row(1)));

        Assert.Contains("refused the refresh_token grant (400 invalid_grant", error.Message, StringComparison.Ordinal);
        Assert.Contains("refresh_token (it may have been revoked or rotated)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exhausted_request_allocation_is_transient_and_waits_long()
    {
        host.Salesforce.Options.DailyApiAllocation = 1;
        await using var destination = Destination(host);
        await destination.WriteAsync(WriteOperation.Upsert, Row(1));

        var error = await Assert.ThrowsAsync<DestinationTransientException>(() => destination.WriteAsync(WriteOperation.Upsert, Row(2)));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
        Assert.Contains("REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded. (Sforce-Limit-Info: api-usage=1/1)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Throttling_and_unavailable_answers_are_transient_with_retry_after(int status)
    {
        host.Salesforce.Faults.RetryAfter = TimeSpan.FromSeconds(7);
        host.Salesforce.Faults.QueueStatus(status);
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationTransientException>(() => destination.WriteAsync(WriteOperation.Upsert, Row(1)));

        Assert.Equal((status, TimeSpan.FromSeconds(7)), (error.StatusCode, error.RetryAfter));
        Assert.Empty(host.Salesforce.Records("Contact"));
    }

    [Fact]
    public async Task Update_uses_stored_ids_looks_up_the_others_and_never_creates()
    {
        var known = host.Salesforce.Seed("Contact", new Dictionary<string, string> { [ExternalId] = "C-1" });
        var unknownToState = host.Salesforce.Seed("Contact", new Dictionary<string, string> { [ExternalId] = "C-2" });
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(WriteOperation.Update, Row(1, destinationId: known.Id), Row(2), Row(3));

        Assert.Equal(known.Id, result.Rows.Single(r => r.PrimaryKey == "1").DestinationId);
        Assert.Equal(unknownToState.Id, result.Rows.Single(r => r.PrimaryKey == "2").DestinationId);
        var missing = result.Rows.Single(r => r.PrimaryKey == "3");
        Assert.Equal(RowStatus.Rejected, missing.Status);
        Assert.Contains("update mode never creates records", missing.Reason, StringComparison.Ordinal);
        Assert.Equal(["User 1", "User 2"], host.Salesforce.Records("Contact").Select(c => c["LastName"]));
        Assert.Equal(["token", "query", "update"], host.Salesforce.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task Delete_removes_only_the_records_whose_ids_the_sync_stored()
    {
        await using var destination = Destination(host);
        var written = await destination.WriteAsync(WriteOperation.Upsert, Row(1), Row(2));
        var other = host.Salesforce.Seed("Contact", new Dictionary<string, string> { [ExternalId] = "C-3" });
        var ids = written.Rows.ToDictionary(r => r.PrimaryKey, r => r.DestinationId);

        var result = await destination.WriteAsync(WriteOperation.Delete, Row(1, destinationId: ids["1"]), Row(3));

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Ok, r.Status)); // row 3 was never written by this sync
        Assert.Equal([ids["2"], other.Id], host.Salesforce.Records("Contact").Select(c => c.Id));
        Assert.Equal(1, host.Salesforce.Requests.Single(r => r.Operation == "delete").RecordCount);
    }

    [Fact]
    public async Task Deleting_a_record_already_gone_is_acknowledged()
    {
        var gone = host.Salesforce.Seed("Contact", new Dictionary<string, string> { [ExternalId] = "C-1" });
        await using var destination = Destination(host);
        await destination.WriteAsync(WriteOperation.Delete, Row(1, destinationId: gone.Id));

        var again = await destination.WriteAsync(WriteOperation.Delete, Row(1, destinationId: gone.Id));

        Assert.Equal(RowStatus.Ok, Assert.Single(again.Rows).Status);
    }

    [Fact]
    public async Task Neither_client_secret_nor_refresh_token_is_a_config_error_naming_both()
    {
        var error = Assert.Throws<ConfigException>(() => Destination(host, new Dictionary<string, string?> { ["client_secret"] = null }));

        Assert.Contains("connection 'crm' needs 'client_secret' (client credentials flow) or 'refresh_token'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api_version", "sixty", "key 'api_version' must look like '60.0'")]
    [InlineData("login_url", "ftp://login", "key 'login_url' must be an http(s) URL")]
    [InlineData("bulk_threshold", "0", "key 'bulk_threshold' must be a whole number from 1 to 9999")]
    [InlineData("bulk_threshold", "10000", "key 'bulk_threshold' must be a whole number from 1 to 9999")]
    public void Invalid_connection_values_are_config_errors(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Destination(host, new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_version_and_instance_url_shape_the_request_path()
    {
        await using var destination = Destination(host, new Dictionary<string, string?> { ["api_version"] = "v62.0", ["instance_url"] = host.BaseUrl.ToString() });

        await destination.WriteAsync(WriteOperation.Upsert, Row(1));

        Assert.StartsWith("/services/data/v62.0/", host.Salesforce.Requests.Single(r => r.Operation == "upsert").Path, StringComparison.Ordinal);
    }

    private void AssertNoSecret(string text)
    {
        Assert.DoesNotContain(ClientSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, text, StringComparison.Ordinal);
        Assert.All(host.Salesforce.IssuedTokens, token => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
    }
}
