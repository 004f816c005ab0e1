using ReverseEtlDbt.Checks.Rules;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks;

/// <summary>Runs every static rule (no warehouse, no network) and collects all problems of the run together.</summary>
public static class CheckRunner
{
    public static IReadOnlyList<ICheckRule> Rules { get; } =
    [
        new ContractEnforcedRule(), new ContractColumnsRule(), new PrimaryKeyRule(), new PiiRule(),
        new ConnectionRule(), new ModeRule(), new UniqueSyncIdRule(), new FieldMappingRule(), new ManifestVersionRule(),
    ];

    /// <param name="earlier">Problems found before the rules ran (unreadable <c>meta.sync</c>, connections file errors).</param>
    /// <param name="locator">Fills in YAML line numbers where the file can be read.</param>
    /// <param name="declared">Every sync the selection takes, refused ones included (counted in the report); the context's syncs when null.</param>
    public static CheckReport Run(
        CheckContext context, IEnumerable<Diagnostic> earlier, YamlLocator? locator = null, IReadOnlyList<DestinationSync>? declared = null)
    {
        var diagnostics = earlier.Concat(Rules.SelectMany(rule => rule.Check(context)))
            .Select(d => d.Line is null && locator is not null && d.File is not null && d.Model is not null
                ? d with { Line = locator.Find(d.File, d.Model, d.KeyPath) }
                : d)
            .Distinct()
            .OrderBy(d => d.File ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Line ?? 0)
            .ThenBy(d => d.Model ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        var syncs = declared ?? context.Syncs.ToList();
        var models = syncs.Select(s => s.ModelUniqueId).Distinct(StringComparer.Ordinal).Count();
        return new CheckReport(diagnostics, models, syncs.Count, syncs.Select(s => s.Id).ToList());
    }
}
