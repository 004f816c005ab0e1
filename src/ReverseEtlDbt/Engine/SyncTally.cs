namespace ReverseEtlDbt.Engine;

/// <summary>
/// The running account of one sync: its counts, its errors and how many rows are done. The only mutable piece of a
/// sync's bookkeeping, shared by the stages of its batches in flight, so every change takes its lock; what leaves it
/// (<see cref="Counts"/>, <see cref="Errors"/>, a <see cref="SyncProgressSnapshot"/>) is an immutable copy.
/// </summary>
internal sealed class SyncTally(string syncId)
{
    private readonly Lock gate = new();
    private readonly List<SyncError> errors = [];
    private SyncCounts counts = new();
    private long total;
    private long done;

    public SyncCounts Counts
    {
        get { lock (gate) return counts; }
    }

    public IReadOnlyList<SyncError> Errors
    {
        get { lock (gate) return errors.ToList(); }
    }

    /// <summary>Sets the changes the diff found, the 100 % of the progress.</summary>
    public void Start(long totalChanges)
    {
        lock (gate) total = totalChanges;
    }

    public void Add(SyncCounts delta)
    {
        lock (gate) counts += delta;
    }

    /// <summary>Adds a finished batch and returns where the sync stands after it, taken in the same step.</summary>
    public SyncProgressSnapshot AddBatch(int rows, SyncCounts delta)
    {
        lock (gate)
        {
            counts += delta;
            done += rows;
            return new SyncProgressSnapshot(syncId, rows, done, total, counts);
        }
    }

    /// <summary>Adds <paramref name="error"/> unless one with its code is there (the first reason to stop is the one reported).</summary>
    public void AddOnce(SyncError error)
    {
        lock (gate)
            if (!errors.Any(e => e.Code == error.Code)) errors.Add(error);
    }

    /// <summary>Replaces the error with the same code (in its place), or adds it: for errors that grow as batches come in.</summary>
    public void Replace(SyncError error)
    {
        lock (gate)
        {
            var existing = errors.FindIndex(e => e.Code == error.Code);
            if (existing >= 0) errors[existing] = error;
            else errors.Add(error);
        }
    }
}
