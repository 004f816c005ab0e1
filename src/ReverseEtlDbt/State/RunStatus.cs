namespace ReverseEtlDbt.State;

/// <summary>Status of a run of one sync, stored lower-case in <c>runs.status</c>.</summary>
public enum RunStatus
{
    Running,
    Success,
    Partial,
    Error,
    Skipped,
}
