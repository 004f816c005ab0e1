namespace ReverseEtlDbt.Destinations;

/// <summary>
/// A destination writes one batch of record changes and answers per row. Nothing else: batching,
/// rate limiting, retries, idempotency keys, state commits and reporting belong to the engine.
/// </summary>
/// <remarks>
/// Failure contract: throw <see cref="DestinationTransientException"/> for a throttled or transiently failed
/// request (429, 5xx, timeouts, dropped connections: the engine retries the whole batch, same keys);
/// throw <see cref="DestinationAuthException"/> when credentials are refused (the engine stops the connection);
/// answer <see cref="RowStatus.Rejected"/> for rows the destination refuses (not retried in this run).
/// </remarks>
public interface IDestination : IAsyncDisposable
{
    Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken);
}
