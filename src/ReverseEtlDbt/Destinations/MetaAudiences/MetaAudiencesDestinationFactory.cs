using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>
/// The <c>meta_audiences</c> connection type: a sync's <c>object</c> is a custom audience id, its match and fields map
/// model columns to schema keys (<c>EMAIL</c>, <c>PHONE</c>, …). Rows are added; mirror also removes the members this
/// sync added once their rows leave the model. Audiences cannot update or archive members.
/// </summary>
/// <remarks>
/// Rate limit: the custom_audience business use case allows 190,000 + 40 × audiences calls per ad account per hour
/// (Standard tier), but each write also costs 3 points of the ad-account score (max 9,000, decaying over 300 s), which
/// caps writes at 3,000 per 300 s. We declare that; a Dev-tier app (max 60 points) needs
/// <c>rate_limit: {requests: 20, per_seconds: 300}</c>.
/// </remarks>
public sealed class MetaAudiencesDestinationFactory : IDestinationFactory
{
    public string Type => "meta_audiences";

    public DestinationCapabilities Capabilities { get; } = new()
    {
        Modes = new HashSet<SyncMode> { SyncMode.Upsert, SyncMode.Insert, SyncMode.Mirror },
        MaxBatchSize = 10_000,
        DocumentedRateLimit = new RateLimit(3_000, TimeSpan.FromSeconds(300)),
        DeletePolicies = new HashSet<DeletePolicy> { DeletePolicy.Delete },
        RequiresMatch = true,
        HashesFields = true,
    };

    public IReadOnlySet<string> Keys { get; } = new HashSet<string> { "access_token", "base_url", "api_version" };

    public IReadOnlySet<string> SecretKeys { get; } = new HashSet<string> { "access_token" };

    public IReadOnlySet<string> RequiredKeys { get; } = new HashSet<string> { "access_token" };

    public IDestination Create(ConnectionConfig connection, DestinationContext context) =>
        new MetaAudiencesDestination(connection.Name, MetaAudiencesOptions.From(connection), context);

    public IEnumerable<SyncProblem> Validate(DestinationSync sync)
    {
        if (!MetaAudiencesDestination.IsAudienceId(sync.Object))
            yield return new SyncProblem("object", $"object '{sync.Object}' is not a custom audience id",
                "Set `object:` to the audience's numeric id (Ads Manager → Audiences).");
        if (sync.Match is { } match && MetaSchemaKeys.Canonical(match.Field) is null)
            yield return new SyncProblem("match", $"match field '{match.Field}' is not a Meta schema key", $"Use one of: {string.Join(", ", MetaSchemaKeys.All)}.");
        var unknown = sync.Fields.Select(f => f.Field).Concat(sync.Static.Keys).Where(f => MetaSchemaKeys.Canonical(f) is null).Distinct().ToList();
        if (unknown.Count > 0)
            yield return new SyncProblem("fields", $"{string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Count == 1 ? "is not a Meta schema key" : "are not Meta schema keys")}",
                $"Map model columns to: {string.Join(", ", MetaSchemaKeys.All)} (see docs/destinations/meta-audiences.md).");
    }
}
