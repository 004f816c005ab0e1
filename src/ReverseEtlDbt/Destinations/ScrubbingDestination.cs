using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Destinations;

/// <summary>
/// Wraps every destination the engine uses, so nothing a destination says reaches a log, sync_results.json or the
/// ledger unscrubbed: each row's reason and the message of any exception the destination throws lose the PII values
/// of the batch's rows and every secret of the connection. Destinations quote what they were sent (an invalid email,
/// a failing row) and may echo credentials, so this is done once, here, rather than trusted to each of them. A reason is scrubbed of the whole batch's values, not its row's alone: an
/// answer about the whole request (a 400 echoing the payload) is every row's reason and quotes other rows.
/// </summary>
/// <remarks>
/// A row's PII values are those sent from the sync's <c>allow_pii</c> and <c>hash</c> columns (mapped fields, the
/// match value, the primary key when it is one of them): <c>retl check</c> refuses a sync that sends any other PII
/// column of its model, so these are all the personal values a destination can quote.
/// </remarks>
public sealed class ScrubbingDestination(IDestination inner, IReadOnlyList<string> secrets) : IDestination
{
    /// <summary>The destination of <paramref name="connection"/>, wrapped with the connection's secrets.</summary>
    public static IDestination Create(IDestinationFactory factory, ConnectionConfig connection, DestinationContext context) =>
        new ScrubbingDestination(factory.Create(connection, context), factory.Secrets(connection).Select(s => s.Reveal()).ToList());

    public async Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        BatchResult result;
        try
        {
            result = await inner.WriteAsync(batch, cancellationToken);
        }
        catch (Exception e) when (e is DestinationTransientException or DestinationFatalException or DestinationAuthException)
        {
            throw Scrubbed(e, ForBatch(batch));
        }
        if (result.Rows.All(r => r.Reason is null)) return result;
        var scrubber = ForBatch(batch);
        var scrubbed = new Dictionary<string, string>(StringComparer.Ordinal); // a batch-wide answer repeats one reason per row
        return result with
        {
            Rows = result.Rows.Select(r => r.Reason is not { } reason ? r
                : r with { Reason = scrubbed.TryGetValue(reason, out var done) ? done : scrubbed[reason] = scrubber.Scrub(reason) }).ToList(),
        };
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private Scrubber ForBatch(DestinationBatch batch) => new(secrets, PiiValues(batch.Sync, batch.Changes));

    /// <summary>The values <paramref name="changes"/> carry from the sync's PII columns.</summary>
    public static IEnumerable<object?> PiiValues(DestinationSync sync, IEnumerable<RecordChange> changes)
    {
        var pii = sync.AllowPii.Concat(sync.Hash).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fields = sync.Fields.Where(f => pii.Contains(f.Column)).Select(f => f.Field).ToList();
        foreach (var change in changes)
        {
            if (pii.Contains(sync.PrimaryKey)) yield return change.PrimaryKey;
            if (sync.Match is { } match && pii.Contains(match.Column)) yield return change.MatchValue;
            foreach (var field in fields) yield return change.Fields.GetValueOrDefault(field);
        }
    }

    /// <summary>The same exception type with its message scrubbed, keeping what the engine reads from it.</summary>
    private static Exception Scrubbed(Exception e, Scrubber scrubber) => e switch
    {
        DestinationTransientException t => new DestinationTransientException(scrubber.Scrub(t.Message), t.RetryAfter, t.StatusCode, t.InnerException),
        DestinationFatalException f => new DestinationFatalException(scrubber.Scrub(f.Message), f.StatusCode),
        _ => new DestinationAuthException(scrubber.Scrub(e.Message)),
    };
}
