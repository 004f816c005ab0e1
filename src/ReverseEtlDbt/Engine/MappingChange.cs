namespace ReverseEtlDbt.Engine;

/// <summary>
/// Found by <c>retl plan</c>: the sync's mapping (key, match, fields, static values, hashing, null policy) differs
/// from the one its state was written under (<c>sync_config</c>). The run will clear or outdate every stored row
/// fingerprint, so each row in state that is still in the model counts as changed and is resent: <see cref="RowsResent"/> of them.
/// </summary>
public sealed record MappingChange(string PreviousConfigFingerprint, DateTime PreviousSince, string ConfigFingerprint, long RowsResent)
{
    public string Message => $"mapping changed: {RowsResent} row{(RowsResent == 1 ? "" : "s")} will be resent";
}
