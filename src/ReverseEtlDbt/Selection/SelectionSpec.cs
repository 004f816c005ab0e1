namespace ReverseEtlDbt.Selection;

/// <summary>
/// A parsed selection: a tree of set operations over <see cref="SelectionCriteria"/> leaves, as dbt
/// builds it from <c>--select</c>, <c>--exclude</c> or a YAML selector.
/// </summary>
public abstract record SelectionSpec
{
    /// <summary>The text the spec was parsed from, for messages.</summary>
    public required string Raw { get; init; }

    /// <summary>How tests of nodes selected by this spec join the selection.</summary>
    public IndirectSelection IndirectSelection { get; init; } = IndirectSelection.Eager;
}

/// <summary>Nodes selected by any component (space-separated terms, YAML <c>union</c>).</summary>
public sealed record SelectionUnion(IReadOnlyList<SelectionSpec> Components) : SelectionSpec;

/// <summary>Nodes selected by every component (comma-joined terms, YAML <c>intersection</c>).</summary>
public sealed record SelectionIntersection(IReadOnlyList<SelectionSpec> Components) : SelectionSpec;

/// <summary>Nodes of <see cref="Include"/> not selected by <see cref="Exclude"/> (<c>--exclude</c>, YAML <c>exclude</c>).</summary>
public sealed record SelectionDifference(SelectionSpec Include, SelectionSpec Exclude) : SelectionSpec;
