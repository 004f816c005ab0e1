using System.Data.Common;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Engine;

/// <summary>
/// Runs a set of syncs: independent syncs in parallel (bounded), syncs on one connection sharing its rate limiter,
/// client and auth verdict. <paramref name="stop"/> asks for a graceful stop (no new request; waits end at once; requests on the wire are answered);
/// <paramref name="abort"/> cancels in-flight work. Every plan ends in exactly one outcome, whatever fails: an
/// unreachable warehouse or a stop signal becomes each sync's error here; an unexpected exception, in
/// <see cref="SyncRun"/>, with its counts kept. The run is never lost.
/// </summary>
public sealed class SyncEngine(SyncEnvironment environment, HttpClient http)
{
    public async Task<IReadOnlyList<SyncOutcome>> RunAsync(IReadOnlyList<SyncPlan> plans, CancellationToken stop, CancellationToken abort)
    {
        if (plans.Count == 0) return [];
        var (ledger, unreachable) = await PrepareLedgerAsync(abort);
        if (ledger is null)
            return plans.Select(p => new SyncOutcome { Sync = p.Sync, Errors = [unreachable!] }).ToList();
        var context = new DestinationContext(http, environment.Time) { Stopping = stop };
        var gates = plans.GroupBy(p => p.Connection.Name).ToDictionary(g => g.Key, g => new ConnectionGate(g.First().Connection, g.First().Factory, g.First().Settings, context));
        try
        {
            var outcomes = new SyncOutcome[plans.Count];
            await Parallel.ForAsync(0, plans.Count,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, environment.Options.MaxParallelSyncs) },
                async (i, _) =>
                {
                    outcomes[i] = await RunOneAsync(plans[i], gates[plans[i].Connection.Name], ledger, stop, abort);
                    environment.Progress.Finished(outcomes[i]);
                });
            return outcomes;
        }
        finally
        {
            foreach (var gate in gates.Values) await gate.DisposeAsync();
        }
    }

    private async Task<SyncOutcome> RunOneAsync(SyncPlan plan, ConnectionGate gate, State.LedgerSchema ledger, CancellationToken stop, CancellationToken abort)
    {
        if (stop.IsCancellationRequested || abort.IsCancellationRequested)
            return new SyncOutcome { Sync = plan.Sync, Errors = [new SyncError(OutcomeCode.NotStarted, "Not started: the run was stopped")] };
        try
        {
            var run = new SyncRun(plan, gate, environment, ledger);
            return await run.RunAsync(stop, abort);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return new SyncOutcome
            {
                Sync = plan.Sync,
                Errors = [new SyncError(OutcomeCode.Interrupted, "Stopped at once by a second signal: acknowledged batches are committed; the batch in flight is sent again next run")],
            };
        }
    }

    /// <summary>
    /// Creates (or migrates) the state schema once per run, before syncs start: every ledger use of the run trusts it.
    /// When the warehouse cannot be reached, the error every sync gets instead.
    /// </summary>
    private async Task<(State.LedgerSchema? Ledger, SyncError? Error)> PrepareLedgerAsync(CancellationToken abort)
    {
        try
        {
            await using var warehouse = await environment.OpenWarehouse(abort);
            warehouse.TagQueries("retl:ledger"); // the run's one ledger check (and migration), before any sync's own tag
            return (await new State.StateSchemaMigrator(warehouse, environment.Options.StateSchema, environment.Time).MigrateAsync(abort), null);
        }
        catch (ConfigException e)
        {
            return (null, SyncError.Config(e));
        }
        catch (Warehouse.WarehouseUnreachableException e) when (!abort.IsCancellationRequested)
        {
            return (null, SyncError.Unreachable(e));
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException && !abort.IsCancellationRequested)
        {
            return (null, new SyncError(OutcomeCode.WarehouseError, $"The warehouse could not be reached, nothing was sent: {e.Message}"));
        }
    }
}
