using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine;
using Xunit;

namespace ReverseEtlDbt.Tests.Engine;

/// <summary>The backoff's jitter comes from the randomness the engine is given, so retry delays can be repeated exactly.</summary>
public sealed class RetryJitterTests
{
    private static readonly EngineOptions Options = new()
    {
        MaxRetries = 4, RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task The_same_randomness_gives_the_same_delays_and_other_randomness_other_delays()
    {
        var fixedLow = await RetryDelaysAsync(() => 0.25);
        var fixedLowAgain = await RetryDelaysAsync(() => 0.25);
        var fixedHigh = await RetryDelaysAsync(() => 0.75);

        Assert.Equal(Options.MaxRetries, fixedLow.Count);
        Assert.Equal(fixedLow, fixedLowAgain);
        Assert.NotEqual(fixedLow, fixedHigh);
        Assert.All(fixedLow.Concat(fixedHigh), d => Assert.InRange(d, TimeSpan.Zero, Options.RetryMaxDelay));
    }

    [Fact]
    public async Task Retry_after_of_a_throttling_answer_wins_over_the_jittered_backoff()
    {
        var delays = await RetryDelaysAsync(() => 0.9, new DestinationTransientException("429", TimeSpan.FromSeconds(7), 429));

        Assert.All(delays, d => Assert.Equal(TimeSpan.FromSeconds(7), d));
    }

    /// <summary>The delays a batch that always fails transiently waits before each retry, on a fake clock.</summary>
    private static async Task<List<TimeSpan>> RetryDelaysAsync(Func<double> randomizer, Exception? failure = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-05T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var connection = new ConnectionConfig("c", "webhook", new Dictionary<string, object?> { ["type"] = "webhook" }, _ => null);
        using var http = new HttpClient();
        var factory = DestinationRegistry.Default.Find("webhook")!;
        await using var gate = new ConnectionGate(connection, factory, ConnectionSettings.Parse(connection, factory).Settings!, new DestinationContext(http, time));
        var delays = new List<TimeSpan>();
        var pipeline = ResiliencePipelines.ForBatches(gate, Options, time, randomizer, (_, delay, _) => delays.Add(delay));

        var run = pipeline.ExecuteAsync<BatchResult>(_ => throw failure ?? new DestinationTransientException("503", statusCode: 503)).AsTask();
        // Each retry waits on the fake clock: move it past the longest delay until the retries are used up. The outcome
        // does not depend on how often this loop turns.
        while (!run.IsCompleted)
        {
            time.Advance(Options.RetryMaxDelay);
            await Task.WhenAny(run, Task.Delay(5));
        }

        await Assert.ThrowsAsync<DestinationTransientException>(() => run);
        return delays;
    }
}
