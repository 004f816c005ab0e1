namespace ReverseEtlDbt.Selection;

/// <summary>One entry of <c>selectors.yml</c>, its definition already parsed.</summary>
public sealed record NamedSelector(string Name, string? Description, bool IsDefault, SelectionSpec Definition);
