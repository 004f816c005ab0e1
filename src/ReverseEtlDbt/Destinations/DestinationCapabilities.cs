using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations;

/// <summary>What a destination type can do, declared before it is asked to do anything (checked by <c>retl check</c>).</summary>
public sealed record DestinationCapabilities
{
    public required IReadOnlySet<SyncMode> Modes { get; init; }
    public required int MaxBatchSize { get; init; }
    /// <summary>The limit the API documents; a connection's <c>rate_limit</c> overrides it.</summary>
    public required RateLimit DocumentedRateLimit { get; init; }
    public required IReadOnlySet<DeletePolicy> DeletePolicies { get; init; }
    /// <summary>Whether a sync must say how rows find their record (<c>match</c>).</summary>
    public bool RequiresMatch { get; init; }
    /// <summary>
    /// The destination normalises and SHA-256-hashes identifiers itself, by its own per-field rules (Meta Custom
    /// Audiences), before anything leaves the process. The engine then hands it <c>hash:</c> columns unhashed,
    /// since hashing twice, or with the generic trim + lower-case rule, would break matching.
    /// </summary>
    public bool HashesFields { get; init; }
}
