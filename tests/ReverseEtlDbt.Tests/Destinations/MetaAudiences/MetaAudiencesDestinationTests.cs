using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Privacy;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.MetaAudiences.MetaAudienceBatches;

namespace ReverseEtlDbt.Tests.Destinations.MetaAudiences;

public sealed class MetaAudiencesDestinationTests : IAsyncLifetime
{
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(Options(), CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Added_rows_arrive_hashed_and_become_members_with_their_member_id()
    {
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1), Row(2), Row(3)]), CancellationToken.None);

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        var members = host.MetaAudiences.Members(Audience);
        Assert.Equal(3, members.Count);
        Assert.Equal(IdentifierHash.Sha256("customer.1@example.com"), members[0].Identifiers["EMAIL"]);
        Assert.Equal(IdentifierHash.Sha256("15550100001"), members[0].Identifiers["PHONE"]);
        Assert.Equal(IdentifierHash.Sha256("maryann"), members[0].Identifiers["FN"]);
        Assert.Equal($"EMAIL={members[0].Identifiers["EMAIL"]};PHONE={members[0].Identifiers["PHONE"]};FN={members[0].Identifiers["FN"]}",
            result.Rows.Single(r => r.PrimaryKey == "1").DestinationId);
        var request = Assert.Single(host.MetaAudiences.Requests);
        Assert.Equal(("POST", 3, 200), (request.Method, request.Rows, request.Status));
    }

    [Fact]
    public async Task No_plain_identifier_or_token_ever_reaches_meta()
    {
        await using var destination = Destination(host);

        await destination.WriteAsync(Batch(WriteOperation.Upsert, Enumerable.Range(1, 20).Select(n => Row(n))), CancellationToken.None);

        var sent = string.Join("\n", host.MetaAudiences.Requests.Select(r => r.Payload + r.Session));
        Assert.Contains("\"schema\"", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("@", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("example", sent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("555", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("mary", sent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_batch_is_one_finished_session()
    {
        await using var destination = Destination(host);

        await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1), Row(2)]), CancellationToken.None);

        var sessionJson = System.Text.Json.JsonDocument.Parse(Assert.Single(host.MetaAudiences.Requests).Session!).RootElement;
        var session = host.MetaAudiences.Session(sessionJson.GetProperty("session_id").GetInt64());
        Assert.NotNull(session);
        Assert.True(session.Finished);
        Assert.Equal([1], session.BatchSeqs);
        Assert.Equal((2L, 0L), (session.NumReceived, session.NumInvalidEntries));
    }

    [Fact]
    public async Task Delete_removes_the_members_this_sync_added_and_no_one_else()
    {
        await using var destination = Destination(host);
        var added = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1), Row(2), Row(3)], SyncMode.Mirror), CancellationToken.None);
        var ids = added.Rows.ToDictionary(r => r.PrimaryKey, r => r.DestinationId);

        var removed = await destination.WriteAsync(
            Batch(WriteOperation.Delete, [Removed(1, ids["1"]), Removed(3, ids["3"]), Removed(9, null)], SyncMode.Mirror), CancellationToken.None);

        Assert.All(removed.Rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        Assert.Equal(3, removed.Rows.Count);
        var member = Assert.Single(host.MetaAudiences.Members(Audience));
        Assert.Equal(IdentifierHash.Sha256("customer.2@example.com"), member.Identifiers["EMAIL"]);
        var delete = Assert.Single(host.MetaAudiences.Requests, r => r.Method == "DELETE");
        Assert.Equal(2, delete.Rows); // the row never added is answered without a request
    }

    [Fact]
    public async Task Mirror_removes_the_old_member_when_a_row_changes_all_its_identifiers()
    {
        await using var destination = Destination(host);
        var first = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)], SyncMode.Mirror), CancellationToken.None);
        var oldId = Assert.Single(first.Rows).DestinationId;

        var moved = Row(1, email: "new.address@example.com", phone: "+44 20 7946 0958", destinationId: oldId) with
        {
            Fields = new Dictionary<string, object?> { ["EMAIL"] = "new.address@example.com", ["PHONE"] = "+44 20 7946 0958", ["FN"] = "Joan" },
        };
        await destination.WriteAsync(Batch(WriteOperation.Upsert, [moved], SyncMode.Mirror), CancellationToken.None);

        var member = Assert.Single(host.MetaAudiences.Members(Audience));
        Assert.Equal(IdentifierHash.Sha256("new.address@example.com"), member.Identifiers["EMAIL"]);
    }

    [Fact]
    public async Task Mirror_keeps_the_member_when_a_changed_row_keeps_its_email()
    {
        await using var destination = Destination(host);
        var first = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)], SyncMode.Mirror), CancellationToken.None);

        var newPhone = Row(1, phone: "+44 20 7946 0958", destinationId: Assert.Single(first.Rows).DestinationId);
        await destination.WriteAsync(Batch(WriteOperation.Upsert, [newPhone], SyncMode.Mirror), CancellationToken.None);

        Assert.DoesNotContain(host.MetaAudiences.Requests, r => r.Method == "DELETE");
        Assert.Contains(host.MetaAudiences.Members(Audience), m => m.Identifiers["PHONE"] == IdentifierHash.Sha256("442079460958"));
    }

    [Fact]
    public async Task Throttling_error_code_is_transient_with_the_wait_from_the_usage_header()
    {
        host.MetaAudiences.QueueThrottling(1, code: 613, regainMinutes: 3);
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationTransientException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Equal(TimeSpan.FromMinutes(3), error.RetryAfter);
        Assert.Equal(400, error.StatusCode); // Meta's status is not the signal: the code is
        Assert.Contains("613", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.MetaAudiences.Members(Audience));
        var retried = await destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None);
        Assert.Equal(RowStatus.Ok, Assert.Single(retried.Rows).Status);
    }

    [Fact]
    public async Task Invalid_token_raises_auth_with_a_clear_message_and_no_secret()
    {
        await using var destination = Destination(host, token: "EAAB-wrong-token");

        var error = await Assert.ThrowsAsync<DestinationAuthException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Contains("190", error.Message, StringComparison.Ordinal);
        Assert.Contains("access_token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("EAAB-wrong-token", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_token_raises_auth()
    {
        host.MetaAudiences.Options.TokenExpired = true;
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationAuthException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Contains("190/463", error.Message, StringComparison.Ordinal);
        Assert.Contains("expired", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blocked_audience_is_fatal_and_says_why()
    {
        host.MetaAudiences.Options.BlockedAudiences.Add(Audience);
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Contains("100/1713230", error.Message, StringComparison.Ordinal);
        Assert.Contains("Audience Upload Blocked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_that_is_not_an_audience_id_stops_before_any_request()
    {
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)], audience: "high_value_customers"), CancellationToken.None));

        Assert.Contains("'high_value_customers'", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.MetaAudiences.Requests);
    }

    [Fact]
    public async Task Server_error_is_transient()
    {
        host.MetaAudiences.Faults.QueueStatus(503);
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAsync<DestinationTransientException>(
            () => destination.WriteAsync(Batch(WriteOperation.Upsert, [Row(1)]), CancellationToken.None));

        Assert.Equal(503, error.StatusCode);
    }

    [Fact]
    public void Engine_hands_a_hashing_destination_its_hash_columns_raw()
    {
        var row = new DiffRow(ChangeKind.Added, "1",
            new Dictionary<string, object?> { ["customer_id"] = 1, ["email"] = " A@B.example", ["phone"] = "+1 555", ["first_name"] = "Al" }, "fp", null);

        var forMeta = new RowMapper(Customers(), destinationHashes: true).Map(row);
        var generic = new RowMapper(Customers()).Map(row);

        Assert.Equal(" A@B.example", forMeta.Fields["EMAIL"]);
        Assert.Equal("+1 555", forMeta.Fields["PHONE"]);
        Assert.Equal(IdentifierHash.Sha256("+1 555"), generic.Fields["PHONE"]);
    }
}
