namespace ReverseEtlDbt.Selection;

/// <summary>
/// One selection term: a method and value (<c>tag:nightly</c>, <c>orders</c>) plus graph operators.
/// <c>+orders</c> sets <see cref="Parents"/>; <c>2+orders</c> also <see cref="ParentsDepth"/> = 2;
/// <c>orders+1</c> sets <see cref="Children"/> with depth 1; <c>@orders</c> sets <see cref="ChildrensParents"/>.
/// </summary>
public sealed record SelectionCriteria : SelectionSpec
{
    public required SelectionMethod Method { get; init; }

    /// <summary>Dotted arguments after the method: <c>materialized</c> in <c>config.materialized:table</c>.</summary>
    public IReadOnlyList<string> MethodArguments { get; init; } = [];

    public required string Value { get; init; }
    public bool Parents { get; init; }

    /// <summary>Generations of ancestors to add; <c>null</c> for all.</summary>
    public int? ParentsDepth { get; init; }

    public bool Children { get; init; }

    /// <summary>Generations of descendants to add; <c>null</c> for all.</summary>
    public int? ChildrenDepth { get; init; }

    public bool ChildrensParents { get; init; }
}
