namespace ReverseEtlDbt.Engine;

/// <summary>
/// Up to <paramref name="limit"/> batches of one sync in flight at once, so the next request goes out while the
/// previous one is answered and committed. Safe because a diff never puts one key in two batches, so commits may
/// land in any order; each still follows its own acknowledgement. The first batch goes alone (a slow start): bad
/// credentials or a throttled destination are then met by one request, not by a burst.
/// </summary>
internal sealed class InFlightBatches(int limit)
{
    private readonly List<Task<bool>> running = [];
    private bool started;

    /// <summary>Starts tracking <paramref name="batch"/>; waits for one to finish when full. False once a batch asked to stop.</summary>
    public async Task<bool> AddAsync(Task<bool> batch)
    {
        running.Add(batch);
        if (running.Count < (started ? Math.Max(1, limit) : 1)) return true;
        var done = await Task.WhenAny(running);
        running.Remove(done);
        var ok = await done;
        started |= ok;
        return ok;
    }

    /// <summary>Waits for every batch still in flight, ignoring their failures (the first one is already on its way up).</summary>
    public async Task SettleAsync()
    {
        foreach (var batch in running)
        {
            try
            {
                await batch;
            }
            catch (Exception)
            {
                // Reported by whoever awaited the failing batch first.
            }
        }
        running.Clear();
    }

    /// <summary>Waits for every batch still in flight; false when any asked to stop.</summary>
    public async Task<bool> DrainAsync()
    {
        var results = await Task.WhenAll(running);
        running.Clear();
        return results.All(ok => ok);
    }
}
