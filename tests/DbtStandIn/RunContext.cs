using System.Globalization;

namespace DbtStandIn;

/// <summary>
/// The invocation id and clock of one run. In deterministic mode (<c>--deterministic</c>) both are fixed and every
/// duration is zero, so artifacts committed to git do not change between runs.
/// </summary>
public sealed class RunContext
{
    private static readonly DateTimeOffset FixedTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private RunContext(string invocationId, DateTimeOffset startedAt, bool deterministic)
    {
        InvocationId = invocationId;
        StartedAt = startedAt;
        Deterministic = deterministic;
    }

    public string InvocationId { get; }
    public DateTimeOffset StartedAt { get; }
    public bool Deterministic { get; }

    public static RunContext Create(bool deterministic) => deterministic
        ? new RunContext("00000000-0000-4000-8000-000000000000", FixedTime, true)
        : new RunContext(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow, false);

    public DateTimeOffset Now() => Deterministic ? FixedTime : DateTimeOffset.UtcNow;

    /// <summary>Seconds between two instants, zero in deterministic mode.</summary>
    public double Seconds(DateTimeOffset from, DateTimeOffset to) => Deterministic ? 0 : (to - from).TotalSeconds;

    /// <summary>dbt-core's timestamp form: six fractional digits and <c>Z</c>.</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Unix seconds, as in a node's <c>created_at</c>.</summary>
    public double UnixSeconds() => Now().ToUnixTimeMilliseconds() / 1000.0;
}
