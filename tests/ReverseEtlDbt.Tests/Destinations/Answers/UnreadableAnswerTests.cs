using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Emulators;
using Xunit;
using HubSpotBatches = ReverseEtlDbt.Tests.Destinations.HubSpot.HubSpotBatches;
using MetaBatches = ReverseEtlDbt.Tests.Destinations.MetaAudiences.MetaAudienceBatches;
using SalesforceBatches = ReverseEtlDbt.Tests.Destinations.Salesforce.SalesforceBatches;
using ZendeskBatches = ReverseEtlDbt.Tests.Destinations.Zendesk.ZendeskBatches;

namespace ReverseEtlDbt.Tests.Destinations.Answers;

/// <summary>
/// A success status whose body is not what the API documents (a proxy's HTML page, JSON cut off, another shape) fails
/// the batch with a reason quoting the body's start: no row is acknowledged on a guess, none is failed silently.
/// </summary>
public sealed class UnreadableAnswerTests
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "<html><body>Gateway login</body></html>", "<html><body>Gateway login" },
        { "{\"status\":\"COMPLETE\",\"results\":[{\"id\":", "{\"status\":\"COMPLETE\"" },
        { "{\"unexpected\":true}", "{\"unexpected\":true}" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task HubSpot_200_with_an_unreadable_body_fails_the_batch_quoting_it(string body, string quoted)
    {
        await using var host = await EmulatorHost.StartAsync(HubSpotBatches.Options(), CancellationToken.None);
        host.HubSpot.Faults.QueueBody(body);
        await using var destination = HubSpotBatches.Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(() =>
            destination.WriteAsync(HubSpotBatches.Batch(WriteOperation.Upsert, [HubSpotBatches.Row(1), HubSpotBatches.Row(2)]), CancellationToken.None));

        AssertNamesTheBody(error, "HubSpot connection", quoted);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Zendesk_200_with_an_unreadable_body_to_the_bulk_call_fails_the_batch_quoting_it(string body, string quoted)
    {
        await using var host = await EmulatorHost.StartAsync(ZendeskBatches.Options(), CancellationToken.None);
        host.Zendesk.Faults.QueueBody(body);
        await using var destination = ZendeskBatches.Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(() =>
            destination.WriteAsync(ZendeskBatches.Batch(WriteOperation.Upsert, [ZendeskBatches.Row(1)]), CancellationToken.None));

        AssertNamesTheBody(error, "Zendesk connection", quoted);
    }

    [Fact]
    public async Task Zendesk_job_status_with_an_unreadable_body_fails_the_batch_naming_the_job()
    {
        await using var host = await EmulatorHost.StartAsync(ZendeskBatches.Options(), CancellationToken.None);
        host.Zendesk.Faults.QueuePasses(1); // the bulk call itself
        host.Zendesk.Faults.QueueBody("{\"job_status\":{\"id\":\"j1\",\"status\":\"completed\",\"results\":[1,2]}}", "application/json");
        await using var destination = ZendeskBatches.Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(() =>
            destination.WriteAsync(ZendeskBatches.Batch(WriteOperation.Upsert, [ZendeskBatches.Row(1)]), CancellationToken.None));

        AssertNamesTheBody(error, "Zendesk connection", "\"results\":[1,2]");
        Assert.Contains("job_status JSON for job ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Salesforce_200_with_an_unreadable_body_fails_the_batch_quoting_it(string body, string quoted)
    {
        await using var host = await EmulatorHost.StartAsync(SalesforceBatches.Options(), CancellationToken.None);
        host.Salesforce.Faults.QueueBody(body);
        await using var destination = SalesforceBatches.Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(() =>
            destination.WriteAsync(SalesforceBatches.Batch(WriteOperation.Upsert, [SalesforceBatches.Row(1)]), CancellationToken.None));

        AssertNamesTheBody(error, "Salesforce connection", quoted);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Meta_200_with_an_unreadable_body_acknowledges_no_member(string body, string quoted)
    {
        await using var host = await EmulatorHost.StartAsync(MetaBatches.Options(), CancellationToken.None);
        host.MetaAudiences.Faults.QueueBody(body);
        await using var destination = MetaBatches.Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(() =>
            destination.WriteAsync(MetaBatches.Batch(WriteOperation.Upsert, [MetaBatches.Row(1), MetaBatches.Row(2)]), CancellationToken.None));

        AssertNamesTheBody(error, "Meta Custom Audiences connection", quoted);
    }

    private static void AssertNamesTheBody(DestinationFatalException error, string destination, string quoted)
    {
        Assert.StartsWith(destination, error.Message, StringComparison.Ordinal);
        Assert.Contains("answered 200 with a body that is not the documented", error.Message, StringComparison.Ordinal);
        Assert.Contains(quoted, error.Message, StringComparison.Ordinal);
        Assert.Contains("the next run sends them again", error.Message, StringComparison.Ordinal);
        Assert.Equal(200, error.StatusCode);
    }
}
