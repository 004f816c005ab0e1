namespace ReverseEtlDbt.Destinations;

/// <summary>A throttled or transiently failed request: the engine retries the batch after <see cref="RetryAfter"/> (or its backoff).</summary>
public sealed class DestinationTransientException(string message, TimeSpan? retryAfter = null, int? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
    public int? StatusCode { get; } = statusCode;
}

/// <summary>Credentials refused (401/403): every sync on this connection stops. The message never holds the secret.</summary>
public sealed class DestinationAuthException(string message) : Exception(message);

/// <summary>A request the destination refuses as a whole and that retrying cannot fix (e.g. an unknown object type).</summary>
public sealed class DestinationFatalException(string message, int? statusCode = null) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}
