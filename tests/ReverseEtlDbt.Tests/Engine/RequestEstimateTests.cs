using ReverseEtlDbt.Cli.Rendering;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Tests.Warehouse.Diff;
using ReverseEtlDbt.Warehouse.Diff;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

public sealed class RequestEstimateTests
{
    private static readonly RateLimit HubSpotBurst = new(100, TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData(0, 0, 0, 0L, 0.0)]
    [InlineData(1, 0, 0, 1L, 0.0)]
    [InlineData(10_000, 0, 0, 100L, 0.0)]            // 100 requests fit one window
    [InlineData(10_001, 0, 0, 101L, 10.0)]           // the 101st waits for the next window
    [InlineData(30_000, 5_000, 0, 350L, 30.0)]       // 350 requests: windows 1..4, at least 3 × 10 s
    [InlineData(0, 0, 250, 0L, 0.0)]                 // removals of an upsert sync send nothing
    public void Requests_are_batches_of_changes_and_time_is_whole_windows(int added, int changed, int removed, long requests, double seconds)
    {
        var estimate = RequestEstimate.For(CustomerModel.Sync(), new DiffCounts(added, changed, removed, 0), 100, HubSpotBurst);

        Assert.Equal(requests, estimate.Requests);
        Assert.Equal(TimeSpan.FromSeconds(seconds), estimate.MinimumTime);
    }

    [Fact]
    public void Mirror_with_delete_counts_removal_batches_and_insert_counts_only_added_rows()
    {
        var counts = new DiffCounts(150, 50, 250, 0);

        Assert.Equal(2 + 3, RequestEstimate.For(CustomerModel.Sync() with { Mode = SyncMode.Mirror, Delete = DeletePolicy.Delete }, counts, 100, HubSpotBurst).Requests);
        Assert.Equal(2, RequestEstimate.For(CustomerModel.Sync() with { Mode = SyncMode.Mirror, Delete = DeletePolicy.None }, counts, 100, HubSpotBurst).Requests);
        Assert.Equal(2, RequestEstimate.For(CustomerModel.Sync() with { Mode = SyncMode.Insert }, counts, 100, HubSpotBurst).Requests);
    }

    [Fact]
    public void Plan_describes_the_estimate_for_people()
    {
        Assert.Equal("about 1 request of up to 100 rows, within one rate-limit window (100 per 10s)",
            PlanReport.Describe(new RequestEstimate(1, 100, HubSpotBurst)));
        Assert.Equal("about 2500 requests of up to 100 rows, at least 4m 00s at 100 per 10s",
            PlanReport.Describe(new RequestEstimate(2_500, 100, HubSpotBurst)));
        Assert.Equal("about 3000 requests of up to 10 rows, at least 4h 59m at 10 per 60s",
            PlanReport.Describe(new RequestEstimate(3_000, 10, new RateLimit(10, TimeSpan.FromMinutes(1)))));
    }
}
