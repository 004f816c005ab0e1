using System.Text.Json;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.HubSpot;
using Xunit;
using static ReverseEtlDbt.Tests.Destinations.HubSpot.HubSpotBatches;

using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Tests.Destinations.HubSpot;

/// <summary>Answers shaped as real HubSpot sends them, beyond what the emulator produces.</summary>
public sealed class HubSpotResponseReaderTests
{
    private static readonly HubSpotInput[] Inputs =
    [
        new(Row(1), "user1@example.com", "email", "idem-1", SendProperties: true),
        new(Row(2), "user2@example.com", "email", "idem-2", SendProperties: true),
    ];

    [Fact]
    public void Error_context_under_any_key_rejects_the_row_it_names()
    {
        var body = JsonDocument.Parse("""
            {"status":"COMPLETE","results":[{"id":"11","properties":{"email":"USER1@example.com"}}],
             "errors":[{"status":"error","category":"VALIDATION_ERROR","message":"Invalid email","context":{"emails":["user2@example.com"]}}]}
            """).RootElement;

        var rows = HubSpotResponseReader.Read(body, Inputs);

        Assert.Equal(RowOutcome.Ok("1", "11"), rows[0]);
        Assert.Equal(RowStatus.Rejected, rows[1].Status);
        Assert.Equal("VALIDATION_ERROR: Invalid email", rows[1].Reason);
    }

    [Fact]
    public void Multi_status_with_empty_arrays_leaves_rows_failed_for_the_next_run()
    {
        var rows = HubSpotResponseReader.Read(JsonDocument.Parse("""{"results":[],"errors":[]}""").RootElement, Inputs);

        Assert.All(rows, r => Assert.Equal(RowStatus.Failed, r.Status));
    }

    [Fact]
    public void Registry_finds_hubspot_with_its_documented_limits()
    {
        var factory = DestinationRegistry.Default.Find("hubspot");

        Assert.IsType<HubSpotDestinationFactory>(factory);
        Assert.Equal(100, factory.Capabilities.MaxBatchSize);
        Assert.Equal(new RateLimit(100, TimeSpan.FromSeconds(10)), factory.Capabilities.DocumentedRateLimit);
        Assert.Contains("token", factory.SecretKeys);
        Assert.IsType<ReverseEtlDbt.Destinations.Webhook.WebhookDestinationFactory>(DestinationRegistry.Default.Find("webhook"));
    }
}
