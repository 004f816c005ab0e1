namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>How a model row differs from the state of the sync's last acknowledged push.</summary>
public enum ChangeKind
{
    /// <summary>In the model, not in state.</summary>
    Added,
    /// <summary>In both, with a different fingerprint (or every row on a full resync).</summary>
    Changed,
    /// <summary>In state, no longer in the model.</summary>
    Removed,
}
