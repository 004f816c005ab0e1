using ReverseEtlDbt.Checks;

namespace ReverseEtlDbt.Engine.Preparation;

/// <summary>
/// The selected syncs, decided: those that may run (each with its model, connection, destination type and parsed
/// connection settings) and those refused, each already an <c>error</c> outcome naming every problem that refuses it.
/// <see cref="Report"/> is the static check of the selection (what <c>retl check</c> prints).
/// </summary>
public sealed record PreparedRun(IReadOnlyList<SyncPlan> Runnable, IReadOnlyList<SyncOutcome> Refused, CheckReport Report)
{
    public int Selected => Runnable.Count + Refused.Count;
}
