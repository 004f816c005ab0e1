using System.IO.Enumeration;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Selection;

/// <summary>
/// Which declared syncs a run takes: those of the <see cref="Models"/> dbt's node selection chose (all when null), then,
/// when <see cref="SyncPatterns"/> are given, only the sync ids matching one of them (<c>*</c> wildcards, any case).
/// </summary>
public sealed record SyncFilter(IReadOnlySet<string>? Models, IReadOnlyList<string> SyncPatterns)
{
    public static SyncFilter All { get; } = new(null, []);

    public bool Includes(DestinationSync sync) =>
        (Models is null || Models.Contains(sync.ModelUniqueId))
        && (SyncPatterns.Count == 0 || SyncPatterns.Any(p => FileSystemName.MatchesSimpleExpression(p, sync.Id, ignoreCase: true)));

    /// <summary>The definitions narrowed to the syncs this filter takes (definitions left with none are dropped).</summary>
    public IReadOnlyList<SyncDefinition> Apply(IEnumerable<SyncDefinition> definitions) =>
        definitions.Select(d => d with { Destinations = d.Destinations.Where(Includes).ToList() })
            .Where(d => d.Destinations.Count > 0)
            .ToList();
}
