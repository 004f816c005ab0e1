namespace ReverseEtlDbt.Engine;

/// <summary>
/// The sync's mapping (key, match, fields, static values, hashing, null policy) differs from the one its state was
/// written under (<c>sync_config</c>): found by <c>retl plan</c>, and by <c>retl sync</c> as it records the new one. The
/// run clears or outdates every stored row fingerprint, so each row in state that is still in the model counts as
/// changed and is resent: <see cref="RowsResent"/> of them.
/// </summary>
public sealed record MappingChange(string PreviousConfigFingerprint, DateTime PreviousSince, string ConfigFingerprint, long RowsResent)
{
    /// <summary>True for a sync that ran (it set out to resend the rows), false for a plan.</summary>
    public bool Applied { get; init; }

    public string Message => $"mapping changed: {RowsResent} row{(RowsResent == 1 ? "" : "s")} {(Applied ? "in state resent under the new mapping" : "will be resent")}";
}
