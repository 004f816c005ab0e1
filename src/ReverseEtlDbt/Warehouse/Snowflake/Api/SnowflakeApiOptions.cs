namespace ReverseEtlDbt.Warehouse.Snowflake.Api;

/// <summary>
/// The client's timings. Every wait goes through the connection's <see cref="TimeProvider"/>; tests set the delays to
/// zero so nothing sleeps and nothing races a fake clock.
/// </summary>
public sealed record SnowflakeApiOptions
{
    /// <summary>The body's <c>timeout</c> for commands that set no <c>CommandTimeout</c>.</summary>
    public int DefaultStatementTimeoutSeconds { get; init; } = 3600;
    /// <summary>Retries of 429/500/502/503/504 and dropped connections; null takes max(connect_retries, 3).</summary>
    public int? MaxRetries { get; init; }
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>The longest backoff; null takes the profile's <c>connect_timeout</c>.</summary>
    public TimeSpan? RetryMaxDelay { get; init; }
    public TimeSpan FirstPollDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxPollDelay { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How long past the statement's timeout polling goes on before retl gives up (Snowflake should have answered 408).</summary>
    public TimeSpan PollGrace { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>How long the best-effort <c>/cancel</c> after a cancellation may take.</summary>
    public TimeSpan CancelTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Source of the backoff's jitter; a fixed one makes the delays repeatable.</summary>
    public Func<double>? Randomizer { get; init; }

    /// <summary>No waits at all: for tests against a scripted handler.</summary>
    public static SnowflakeApiOptions Immediate { get; } = new()
    {
        RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero, FirstPollDelay = TimeSpan.Zero, MaxPollDelay = TimeSpan.Zero,
    };
}
