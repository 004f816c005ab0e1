using Xunit;
using System.Text.RegularExpressions;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Emulators;
using static ReverseEtlDbt.Tests.Destinations.HubSpot.HubSpotBatches;

namespace ReverseEtlDbt.Tests.Destinations.HubSpot;

public sealed class HubSpotDestinationTests : IAsyncLifetime
{
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(Options(), CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Upsert_of_250_rows_as_three_batches_creates_250_contacts()
    {
        await using var destination = Destination(host);
        var rows = Enumerable.Range(1, 250).Select(n => Row(n)).ToList();

        var results = new List<RowOutcome>();
        foreach (var chunk in rows.Chunk(100))
            results.AddRange((await destination.WriteAsync(Batch(WriteOperation.Upsert, chunk), CancellationToken.None)).Rows);

        Assert.Equal(250, results.Count(r => r.Status == RowStatus.Ok && r.DestinationId is not null));
        Assert.Equal(250, host.HubSpot.Records("contacts").Count);
        Assert.Equal([100, 100, 50], host.HubSpot.Requests.Select(r => r.InputCount));
        var contact = host.HubSpot.FindRecord("contacts", "email", "user7@example.com");
        Assert.Equal("User 7", contact?["firstname"]);
        Assert.Equal(contact?.Id, results.Single(r => r.PrimaryKey == "7").DestinationId);
    }

    [Fact]
    public async Task Upsert_of_a_known_email_updates_the_existing_contact()
    {
        var existing = host.HubSpot.Seed("contacts", new Dictionary<string, string> { ["email"] = "user1@example.com", ["firstname"] = "Old" });
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None);

        Assert.Equal(existing.Id, Assert.Single(result.Rows).DestinationId);
        Assert.Equal("User 1", Assert.Single(host.HubSpot.Records("contacts"))["firstname"]);
    }

    [Fact]
    public async Task Multi_status_response_rejects_only_the_invalid_rows()
    {
        host.HubSpot.Options.ValuePatterns["lifecyclestage"] = new Regex("^(lead|customer)$");
        await using var destination = Destination(host);
        var bad = Row(2) with { Fields = new Dictionary<string, object?> { ["lifecyclestage"] = "bogus" } };

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1), bad, Row(3)]), CancellationToken.None);

        Assert.Equal(207, host.HubSpot.Requests.Single().Status);
        var rejected = Assert.Single(result.Rows, r => r.Status == RowStatus.Rejected);
        Assert.Equal("2", rejected.PrimaryKey);
        Assert.Contains("lifecyclestage", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(["1", "3"], result.Rows.Where(r => r.Status == RowStatus.Ok).Select(r => r.PrimaryKey).Order());
        Assert.Equal(2, host.HubSpot.Records("contacts").Count);
    }

    [Fact]
    public async Task Unknown_property_rejects_every_row_of_the_batch()
    {
        host.HubSpot.Options.KnownProperties["contacts"] = new HashSet<string> { "email", "firstname" };
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1), Row(2)]), CancellationToken.None);

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Rejected, r.Status));
        Assert.All(result.Rows, r => Assert.Contains("lifecyclestage", r.Reason, StringComparison.Ordinal));
        Assert.Empty(host.HubSpot.Records("contacts"));
    }

    [Fact]
    public async Task Rate_limited_request_raises_transient_with_retry_after()
    {
        host.HubSpot.Options.RateLimitRequests = 1;
        await using var destination = Destination(host);
        await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None);

        var error = await Assert.ThrowsAsync<DestinationTransientException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(2)]), CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), error.RetryAfter);
    }

    [Fact]
    public async Task Retry_after_header_wins_over_the_rate_limit_window()
    {
        host.HubSpot.Faults.RetryAfter = TimeSpan.FromSeconds(3);
        host.HubSpot.Faults.QueueThrottling(1);
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationTransientException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public async Task Expired_token_raises_auth_error_without_the_token()
    {
        host.HubSpot.Options.TokenExpired = true;
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationAuthException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Contains("EXPIRED_AUTHENTICATION", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_token_raises_auth_error_without_the_token()
    {
        await using var destination = Destination(host, token: "pat-wrong-token");

        var error = await Assert.ThrowsAsync<DestinationAuthException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.DoesNotContain("pat-wrong-token", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WriteOperation.Archive)]
    [InlineData(WriteOperation.Delete)]
    public async Task Archive_removes_records_by_id(WriteOperation operation)
    {
        var kept = host.HubSpot.Seed("contacts", new Dictionary<string, string> { ["email"] = "keep@example.com" });
        var gone = host.HubSpot.Seed("contacts", new Dictionary<string, string> { ["email"] = "gone@example.com" });
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(
            Batch(operation, [Row(1, "gone@example.com", gone.Id), Row(2, "never@example.com")], SyncMode.Mirror), CancellationToken.None);

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        Assert.Equal(kept.Id, Assert.Single(host.HubSpot.Records("contacts")).Id);
        Assert.Equal(1, Assert.Single(host.HubSpot.Requests).InputCount);
    }

    [Fact]
    public async Task Update_finds_records_by_id_or_by_match_field_and_rejects_missing_ones()
    {
        var byId = host.HubSpot.Seed("contacts", new Dictionary<string, string> { ["email"] = "a@example.com" });
        host.HubSpot.Seed("contacts", new Dictionary<string, string> { ["email"] = "user2@example.com" });
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(
            Batch(WriteOperation.Update, [Row(1, "a@example.com", byId.Id), Row(2), Row(3)], SyncMode.Update), CancellationToken.None);

        Assert.Equal(["1", "2"], result.Rows.Where(r => r.Status == RowStatus.Ok).Select(r => r.PrimaryKey).Order());
        Assert.Equal("3", Assert.Single(result.Rows, r => r.Status == RowStatus.Rejected).PrimaryKey);
        Assert.All(host.HubSpot.Records("contacts"), c => Assert.Equal("customer", c["lifecyclestage"]));
    }

    [Fact]
    public async Task Insert_sends_idempotency_keys_as_trace_ids_and_maps_record_ids()
    {
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(Batch(WriteOperation.Insert, [Row(1), Row(2)], SyncMode.Insert), CancellationToken.None);

        Assert.All(result.Rows, r => Assert.NotNull(r.DestinationId));
        var first = host.HubSpot.Records("contacts").Single(c => c.Id == result.Rows.Single(r => r.PrimaryKey == "1").DestinationId);
        Assert.Equal("User 1", first["firstname"]);
    }

    [Fact]
    public async Task Null_field_is_sent_as_empty_string_and_clears_the_property()
    {
        host.HubSpot.Seed("contacts", new Dictionary<string, string> { ["email"] = "user1@example.com", ["firstname"] = "Old" });
        await using var destination = Destination(host);
        var row = Row(1) with { Fields = new Dictionary<string, object?> { ["firstname"] = null } };

        await destination.WriteAsync(Batch(WriteOperation.Upsert, [row]), CancellationToken.None);

        Assert.Null(Assert.Single(host.HubSpot.Records("contacts"))["firstname"]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(0)]
    public async Task Server_errors_and_dropped_connections_are_transient(int status)
    {
        if (status == 0) host.HubSpot.Faults.QueueDrops(1);
        else host.HubSpot.Faults.QueueStatus(status);
        await using var destination = Destination(host);

        await Assert.ThrowsAsync<DestinationTransientException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));
        Assert.Empty(host.HubSpot.Records("contacts"));
    }
}
