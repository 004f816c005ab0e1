using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.Salesforce;
using ReverseEtlDbt.Emulators;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.Salesforce.SalesforceBatches;

namespace ReverseEtlDbt.Tests.Destinations.Salesforce;

/// <summary>With <c>bulk_threshold</c>, larger upsert batches go through Bulk API 2.0; the rest through Collections.</summary>
public sealed class SalesforceBulkTests : IAsyncLifetime
{
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(Options(), CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private IDestination BulkDestination(int threshold) =>
        Destination(host, new Dictionary<string, string?> { ["bulk_threshold"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    [Fact]
    public async Task Upsert_over_the_threshold_goes_through_one_bulk_job_and_answers_per_row_by_external_id()
    {
        var existing = host.Salesforce.Seed("Contact", new Dictionary<string, string> { [ExternalId] = "C-3", ["Email"] = "old@example.com" });
        await using var destination = BulkDestination(100);
        var rows = Enumerable.Range(1, 150).Select(n => Row(n)).ToList();
        rows[1] = Row(2, email: "not-an-email");
        rows[2] = Row(3) with { Fields = new Dictionary<string, object?> { ["LastName"] = "Doe, \"JJ\"\nJr", ["Email"] = null } };

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, rows), CancellationToken.None);

        Assert.Equal(["token", "bulk_create", "bulk_upload", "bulk_state", "bulk_status", "bulk_status", "bulk_results", "bulk_results"],
            host.Salesforce.Requests.Select(r => r.Operation));
        var job = Assert.Single(host.Salesforce.BulkJobs);
        Assert.Equal(("JobComplete", 150), (job.State, job.RecordCount));
        var rejected = Assert.Single(result.Rows, r => r.Status == RowStatus.Rejected);
        Assert.Equal("2", rejected.PrimaryKey);
        Assert.StartsWith("INVALID_EMAIL_ADDRESS", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(149, result.Rows.Count(r => r.Status == RowStatus.Ok));
        var byKey = host.Salesforce.Records("Contact").ToDictionary(c => c[ExternalId]!);
        Assert.All(result.Rows.Where(r => r.Status == RowStatus.Ok), r => Assert.Equal(byKey["C-" + r.PrimaryKey].Id, r.DestinationId));
        Assert.Equal(existing.Id, byKey["C-3"].Id);
        Assert.Equal(("Doe, \"JJ\"\nJr", null), (byKey["C-3"]["LastName"], byKey["C-3"]["Email"])); // quoted CSV; #N/A cleared
        Assert.Equal("7", byKey["C-7"]["Score__c"]);
    }

    [Fact]
    public async Task Batch_within_the_threshold_goes_through_collections_200_records_at_a_time()
    {
        await using var destination = BulkDestination(500);

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, Enumerable.Range(1, 450).Select(n => Row(n))), CancellationToken.None);

        Assert.Equal(450, result.Rows.Count(r => r.Status == RowStatus.Ok));
        Assert.Equal([200, 200, 50], host.Salesforce.Requests.Where(r => r.Operation == "upsert").Select(r => r.RecordCount));
        Assert.Empty(host.Salesforce.BulkJobs);
    }

    [Fact]
    public async Task Failed_bulk_job_leaves_every_row_unacknowledged_with_the_job_error()
    {
        host.Salesforce.Options.BulkJobFailure = "InvalidBatch : Field name not found : Score__c";
        await using var destination = BulkDestination(10);

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, Enumerable.Range(1, 20).Select(n => Row(n))), CancellationToken.None);

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Failed, r.Status));
        Assert.Contains("ended Failed before processing this record: InvalidBatch : Field name not found : Score__c", result.Rows[0].Reason, StringComparison.Ordinal);
        Assert.Empty(host.Salesforce.Records("Contact"));
    }

    [Fact]
    public async Task Session_expiring_while_a_job_runs_is_renewed_and_the_job_is_read_to_the_end()
    {
        await using var destination = BulkDestination(10);
        host.Salesforce.ExpireSessionsAfter(3); // create, upload, close; the first status read meets a dead session

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, Enumerable.Range(1, 20).Select(n => Row(n))), CancellationToken.None);

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        Assert.Equal(2, host.Salesforce.IssuedTokens.Count);
        Assert.Single(host.Salesforce.BulkJobs);
    }

    [Fact]
    public void Engine_batches_hold_200_records_or_10000_with_a_bulk_threshold()
    {
        var factory = new SalesforceDestinationFactory();

        Assert.Equal(200, factory.BatchSizeFor(Connection(host)));
        Assert.Equal(10_000, factory.BatchSizeFor(Connection(host, new Dictionary<string, string?> { ["bulk_threshold"] = "2000" })));
    }
}
