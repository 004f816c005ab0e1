namespace ReverseEtlDbt.Definitions;

/// <summary>
/// A model's <c>meta.sync</c> block as read: the valid part (<see cref="Definition"/>, null when nothing in it can
/// run), every declared sync that cannot run (<see cref="Refused"/>, each named by the diagnostics that carry its
/// id, or by the model's own diagnostics when the block is invalid as a whole), and every problem found.
/// </summary>
public sealed record ParsedSync(SyncDefinition? Definition, IReadOnlyList<DestinationSync> Refused, IReadOnlyList<Diagnostic> Diagnostics)
{
    public static ParsedSync None { get; } = new(null, [], []);

    public void Deconstruct(out SyncDefinition? definition, out IReadOnlyList<Diagnostic> diagnostics)
    {
        definition = Definition;
        diagnostics = Diagnostics;
    }
}
