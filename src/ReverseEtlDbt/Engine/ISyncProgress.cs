namespace ReverseEtlDbt.Engine;

/// <summary>
/// What the engine reports while it works; the CLI renders it (live display, plain lines or JSON lines). Every
/// argument is immutable and the engine calls these outside its own locks, possibly from several syncs at once.
/// </summary>
public interface ISyncProgress
{
    void Started(string syncId, long totalChanges);
    void BatchDone(SyncProgressSnapshot progress);
    void Retrying(string syncId, int attempt, TimeSpan delay, string reason);
    void Finished(SyncOutcome outcome);
}

/// <summary>Reports nothing (tests, plan).</summary>
public sealed class NoProgress : ISyncProgress
{
    public static NoProgress Instance { get; } = new();
    public void Started(string syncId, long totalChanges) { }
    public void BatchDone(SyncProgressSnapshot progress) { }
    public void Retrying(string syncId, int attempt, TimeSpan delay, string reason) { }
    public void Finished(SyncOutcome outcome) { }
}
