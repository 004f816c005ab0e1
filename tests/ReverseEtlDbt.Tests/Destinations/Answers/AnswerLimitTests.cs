using System.Net;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.Http;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Tests.Support;
using Xunit;
using HubSpotBatches = ReverseEtlDbt.Tests.Destinations.HubSpot.HubSpotBatches;
using SalesforceBatches = ReverseEtlDbt.Tests.Destinations.Salesforce.SalesforceBatches;
using ZendeskBatches = ReverseEtlDbt.Tests.Destinations.Zendesk.ZendeskBatches;

namespace ReverseEtlDbt.Tests.Destinations.Answers;

/// <summary>Every answer is read within a size limit, every job wait within the connection's max_retry_wait, and a malformed Retry-After is no wait.</summary>
public sealed class AnswerLimitTests
{
    [Fact]
    public async Task An_answer_over_the_destinations_limit_fails_the_batch_naming_destination_and_limit()
    {
        await using var host = await EmulatorHost.StartAsync(HubSpotBatches.Options(), CancellationToken.None);
        host.HubSpot.Faults.QueueOversizedBody(100L << 20);
        await using var destination = HubSpotBatches.Destination(host);

        var error = await Assert.ThrowsAsync<DestinationFatalException>(() =>
            destination.WriteAsync(HubSpotBatches.Batch(WriteOperation.Upsert, [HubSpotBatches.Row(1)]), CancellationToken.None));

        Assert.StartsWith("HubSpot connection", error.Message, StringComparison.Ordinal);
        Assert.Contains("over its 8 MiB limit", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.HubSpot.Records("contacts"));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("Thu, 99 Foo 2099 25:61:00 GMT")]
    [InlineData("99999999999999999999")]
    public void A_malformed_retry_after_is_read_as_none_so_the_backoff_applies(string header)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.Null(DestinationHttp.RetryAfter(response, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_retry_after_date_in_2099_is_read_as_the_wait_until_then()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "Thu, 01 Jan 2099 00:00:00 GMT");
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) - now, DestinationHttp.RetryAfter(response, now));
    }

    [Fact]
    public async Task A_zendesk_job_that_never_completes_fails_the_batch_at_max_retry_wait_naming_the_job()
    {
        var time = new WaitingFakeTime(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await using var host = await EmulatorHost.StartAsync(ZendeskBatches.Options(), CancellationToken.None);
        host.Zendesk.Options.HoldJobs = true;
        await using var destination = ZendeskBatches.Destination(host, time: time, pollSeconds: 1, jobTimeoutSeconds: 600, maxWait: TimeSpan.FromSeconds(5));

        var write = destination.WriteAsync(ZendeskBatches.Batch(WriteOperation.Upsert, [ZendeskBatches.Row(1)]), CancellationToken.None);
        foreach (var seconds in new[] { 1, 2, 2 }) // polls at 1 s and 3 s, then the 2 s left of the bound
        {
            var wait = await time.NextWaitAsync();
            Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
            time.Advance(wait);
        }

        var error = await Assert.ThrowsAsync<DestinationFatalException>(() => write.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Matches("job [0-9a-f]+ was still 'working' after 5 s, the connection's max_retry_wait", error.Message);
        Assert.Contains("sent next run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_salesforce_bulk_job_that_never_completes_fails_the_batch_at_max_retry_wait_naming_the_job()
    {
        await using var host = await EmulatorHost.StartAsync(SalesforceBatches.Options(), CancellationToken.None);
        host.Salesforce.Options.HoldBulkJobs = true;
        await using var destination = SalesforceBatches.Destination(host, new Dictionary<string, string?> { ["bulk_threshold"] = "1" },
            maxWait: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<DestinationFatalException>(() =>
            destination.WriteAsync(SalesforceBatches.Batch(WriteOperation.Upsert, [SalesforceBatches.Row(1), SalesforceBatches.Row(2)]), CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Matches("Bulk API job \\S+ was still 'InProgress' after 1 s, the connection's max_retry_wait", error.Message);
    }

    [Fact]
    public async Task Stopping_the_run_ends_a_job_wait_at_once()
    {
        var time = new WaitingFakeTime(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await using var host = await EmulatorHost.StartAsync(ZendeskBatches.Options(), CancellationToken.None);
        host.Zendesk.Options.HoldJobs = true;
        using var stop = new CancellationTokenSource();
        var connection = DestinationBatches.Connection("support", "zendesk", new Dictionary<string, object?>
        {
            ["base_url"] = host.BaseUrl.ToString(), ["email"] = ZendeskBatches.Email, ["api_token"] = ZendeskBatches.ApiToken,
        });
        await using var destination = new ReverseEtlDbt.Destinations.Zendesk.ZendeskDestinationFactory()
            .Create(connection, new DestinationContext(DestinationBatches.Http, time) { Stopping = stop.Token });

        var write = destination.WriteAsync(ZendeskBatches.Batch(WriteOperation.Upsert, [ZendeskBatches.Row(1)]), CancellationToken.None);
        await time.NextWaitAsync();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(time.Start, time.GetUtcNow());
    }
}
