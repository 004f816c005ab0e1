namespace ReverseEtlDbt.Selection;

/// <summary>
/// The selection options of a command (<c>--select</c>, <c>--exclude</c>, <c>--selector</c>,
/// <c>--indirect-selection</c>) before they are resolved against the project's selectors.
/// </summary>
public sealed record SelectionRequest
{
    public IReadOnlyList<string> Select { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public string? Selector { get; init; }
    public IndirectSelection IndirectSelection { get; init; } = IndirectSelection.Eager;

    /// <summary>
    /// The specs to hand to <see cref="NodeSelector.Select(Artifacts.DbtManifest, SelectionSpec?, SelectionSpec?, IndirectSelection?)"/>:
    /// the named selector, else the parsed <c>--select</c>/<c>--exclude</c>, else the default selector,
    /// else (null, null) meaning every node. Combining <c>--selector</c> with <c>--select</c>/<c>--exclude</c> is an error.
    /// </summary>
    public (SelectionSpec? Select, SelectionSpec? Exclude) Resolve(SelectorsFile selectors)
    {
        var select = SelectionParser.ParseUnion(Select, IndirectSelection);
        var exclude = SelectionParser.ParseUnion(Exclude, IndirectSelection);
        if (Selector is not null)
        {
            if (select is not null || exclude is not null)
                throw new SelectionException($"--selector '{Selector}' cannot be combined with --select or --exclude.");
            return (selectors.Resolve(Selector), null);
        }
        if (select is null && exclude is null && selectors.Default is { } fallback) return (fallback.Definition, null);
        return (select, exclude);
    }
}
