using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations;

/// <summary>
/// What the engine needs of a connection, parsed once into types: its rate limit (the connection's <c>rate_limit</c>,
/// else the documented one), requests in flight at once, per-request timeout and batch size.
/// </summary>
public sealed record ConnectionSettings(RateLimit Limit, int MaxConcurrency, TimeSpan? Timeout, int BatchSize)
{
    /// <summary>Requests in flight on a connection at once when it sets no <c>max_concurrency</c>.</summary>
    public const int DefaultConcurrency = 4;

    /// <summary>How long one batch may spend waiting on <c>Retry-After</c> and backoff when the connection sets no <c>max_retry_wait</c>.</summary>
    public static readonly TimeSpan DefaultMaxRetryWait = TimeSpan.FromMinutes(5);

    /// <summary>The most one batch waits for its retries (<c>max_retry_wait</c>, seconds); a wait past it fails the batch at once.</summary>
    public TimeSpan MaxRetryWait { get; init; } = DefaultMaxRetryWait;

    /// <summary>
    /// Parses every value; each problem (a value that is not a positive whole number, an unset env var) is collected
    /// as the <see cref="ConfigException"/> that names the connection, key and file. Settings are null when any failed.
    /// </summary>
    public static (ConnectionSettings? Settings, IReadOnlyList<ConfigException> Problems) Parse(ConnectionConfig connection, IDestinationFactory factory)
    {
        var problems = new List<ConfigException>();
        var limit = Try(problems, () => connection.RateLimitOverride ?? factory.Capabilities.DocumentedRateLimit);
        var concurrency = Try(problems, () => Positive(connection, "max_concurrency") ?? DefaultConcurrency);
        var timeout = Try(problems, () => Positive(connection, "timeout_seconds") is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : factory.DefaultTimeout(connection));
        var batchSize = Try(problems, () => factory.BatchSizeFor(connection));
        var maxRetryWait = Try(problems, () => Positive(connection, "max_retry_wait") is { } wait ? TimeSpan.FromSeconds(wait) : DefaultMaxRetryWait);
        return problems.Count > 0 ? (null, problems)
            : (new ConnectionSettings(limit!, concurrency, timeout, Math.Max(1, batchSize)) { MaxRetryWait = maxRetryWait }, problems);
    }

    private static int? Positive(ConnectionConfig connection, string key) =>
        connection.GetInt(key) is not { } value ? null
        : value > 0 ? value
        : throw new ConfigException($"connection '{connection.Name}' key '{key}'{(connection.File is null ? "" : $" in {connection.File}")} must be at least 1, got {value}");

    private static T? Try<T>(List<ConfigException> problems, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ConfigException e)
        {
            problems.Add(e);
            return default;
        }
    }
}
