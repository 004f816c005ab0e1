namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// The org's API request allocation over a rolling 24 h, on the host's clock: every call counts, and once the
/// allocation is used up each call is refused until calls older than a day drop out.
/// </summary>
internal sealed class SalesforceApiUsage(SalesforceEmulatorOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> calls = new();

    /// <summary>Counts one call; <c>Allowed</c> is false over the allocation (a refused call is not counted).</summary>
    public (bool Allowed, int Used, int Allocation) Count()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            while (calls.TryPeek(out var oldest) && now - oldest >= Window) calls.Dequeue();
            var allocation = options.DailyApiAllocation;
            if (calls.Count >= allocation) return (false, calls.Count, allocation);
            calls.Enqueue(now);
            return (true, calls.Count, allocation);
        }
    }
}
