using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations;

/// <summary>
/// One per connection <c>type</c>. Found by <see cref="DestinationRegistry"/> through reflection, so adding a
/// destination is a new folder and no edit elsewhere.
/// </summary>
public interface IDestinationFactory
{
    /// <summary>The connection <c>type</c> (<c>hubspot</c>, <c>webhook</c>, <c>postgres</c>).</summary>
    string Type { get; }

    DestinationCapabilities Capabilities { get; }

    /// <summary>Keys this type accepts in the connections file, besides the common ones.</summary>
    IReadOnlySet<string> Keys { get; }

    /// <summary>Keys whose values are credentials (read as <see cref="Secret"/>).</summary>
    IReadOnlySet<string> SecretKeys { get; }

    /// <summary>Keys that must be present.</summary>
    IReadOnlySet<string> RequiredKeys { get; }

    /// <summary>
    /// The largest batch for this connection: <see cref="DestinationCapabilities.MaxBatchSize"/> unless the type lets a
    /// connection choose its own (webhook <c>batch_size</c>). The engine sizes batches with this.
    /// </summary>
    int BatchSizeFor(ConnectionConfig connection) => Capabilities.MaxBatchSize;

    IDestination Create(ConnectionConfig connection, DestinationContext context);

    /// <summary>
    /// Every credential of <paramref name="connection"/>, scrubbed by the engine from whatever the destination answers
    /// (<see cref="ScrubbingDestination"/>): the values of <see cref="SecretKeys"/>, unless the type holds more.
    /// </summary>
    IEnumerable<Secret> Secrets(ConnectionConfig connection) =>
        SecretKeys.Where(connection.Has).Select(connection.GetSecret).OfType<Secret>();

    /// <summary>
    /// What this type cannot do with <paramref name="sync"/> beyond its <see cref="Capabilities"/> (an object it does not
    /// write, a match field it cannot match by, a field it does not know), so <c>retl check</c> refuses it before a run.
    /// </summary>
    IEnumerable<SyncProblem> Validate(DestinationSync sync) => [];

    /// <summary>
    /// Key rules of a connection beyond <see cref="RequiredKeys"/> (one of several keys, keys that exclude each other),
    /// judged from which keys are present only: values are not rendered, so <c>retl check</c> needs no env vars.
    /// Each entry is a message and a hint.
    /// </summary>
    IEnumerable<(string Message, string Hint)> ValidateKeys(ConnectionConfig connection) => [];

    /// <summary>
    /// The per-request timeout this connection needs when it sets no <c>timeout_seconds</c>, or null for the engine's
    /// default: a type whose one "request" waits for an asynchronous job (a Salesforce Bulk job, a Zendesk job status)
    /// must not be cut off, and resent, while the job still runs.
    /// </summary>
    TimeSpan? DefaultTimeout(ConnectionConfig connection) => null;
}

/// <summary>What the engine hands a destination: a shared HTTP client and the clock.</summary>
public sealed record DestinationContext(HttpClient Http, TimeProvider Time)
{
    /// <summary>
    /// The connection's <c>max_retry_wait</c>: the longest a destination's own waits (a bulk job's polls) may last
    /// before the batch fails and is sent next run.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = ConnectionSettings.DefaultMaxRetryWait;

    /// <summary>
    /// The run's stop signal: a destination ends its own waits (job polls) on it at once, leaving the batch
    /// unacknowledged; a request already on the wire is not cut off (its answer may acknowledge rows).
    /// </summary>
    public CancellationToken Stopping { get; init; }
}
