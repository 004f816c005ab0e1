namespace ReverseEtlDbt.Selection;

/// <summary>
/// How tests (and unit tests) attached to selected nodes join the selection, as dbt's
/// <c>--indirect-selection</c>: <see cref="Eager"/> (dbt's default) takes a test when any parent is
/// selected, <see cref="Cautious"/> only when all are, <see cref="Buildable"/> when all parents are
/// selected or are ancestors of the selection, <see cref="Empty"/> never.
/// </summary>
public enum IndirectSelection
{
    Eager,
    Cautious,
    Buildable,
    Empty,
}
