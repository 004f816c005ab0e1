using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// Runs a set of syncs: independent syncs in parallel (bounded), syncs on one connection sharing its rate limiter,
/// client and auth verdict. <paramref name="stop"/> asks for a graceful stop (after the batch in flight);
/// <paramref name="abort"/> cancels in-flight work.
/// </summary>
public sealed class SyncEngine(SyncEnvironment environment, HttpClient http)
{
    public async Task<IReadOnlyList<SyncOutcome>> RunAsync(IReadOnlyList<SyncPlan> plans, CancellationToken stop, CancellationToken abort)
    {
        if (plans.Count == 0) return [];
        // Create (or migrate) the state schema once per run, before syncs start: every ledger use of the run trusts it.
        State.LedgerSchema ledger;
        await using (var warehouse = await environment.OpenWarehouse(abort))
            ledger = await new State.StateSchemaMigrator(warehouse, environment.Options.StateSchema, environment.Time).MigrateAsync(abort);
        var context = new DestinationContext(http, environment.Time);
        var gates = plans.GroupBy(p => p.Connection.Name)
            .ToDictionary(g => g.Key, g => new ConnectionGate(g.First().Connection, g.First().Factory, context));
        try
        {
            var outcomes = new SyncOutcome[plans.Count];
            await Parallel.ForAsync(0, plans.Count,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, environment.Options.MaxParallelSyncs), CancellationToken = abort },
                async (i, _) =>
                {
                    var plan = plans[i];
                    using var run = new SyncRun(plan, gates[plan.Connection.Name], environment, ledger);
                    var outcome = stop.IsCancellationRequested
                        ? new SyncOutcome { Sync = plan.Sync, Status = SyncStatus.Skipped, Errors = [new SyncError("interrupted", "Not started: the run was stopped")] }
                        : await run.RunAsync(stop, abort);
                    outcomes[i] = outcome;
                    environment.Progress.Finished(outcome);
                });
            return outcomes;
        }
        finally
        {
            foreach (var gate in gates.Values) await gate.DisposeAsync();
        }
    }
}
