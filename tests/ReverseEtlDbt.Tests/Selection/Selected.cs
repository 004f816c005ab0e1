using ReverseEtlDbt.Selection;

namespace ReverseEtlDbt.Tests.Selection;

/// <summary>Runs a <c>--select</c>/<c>--exclude</c> pair over a fixture manifest and returns the sorted unique ids.</summary>
internal static class Selected
{
    public const string Bouncer = "v12_dbt_bouncer_1_12.json";
    private const string Model = "model.dbt_bouncer_test_project.";

    public static string Id(string model) => Model + model;

    /// <summary>The pure node set unless <paramref name="mode"/> asks for indirect test selection.</summary>
    public static string[] By(string? select, string? exclude = null, IndirectSelection mode = IndirectSelection.Empty, string manifest = Bouncer)
    {
        var selectSpec = select is null ? null : SelectionParser.ParseUnion(select, mode);
        var excludeSpec = exclude is null ? null : SelectionParser.ParseUnion(exclude, mode);
        return Sorted(NodeSelector.Select(FixtureManifest.Load(manifest), selectSpec, excludeSpec));
    }

    public static string[] Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToArray();
}
