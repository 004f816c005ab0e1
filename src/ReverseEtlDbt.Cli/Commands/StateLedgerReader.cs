using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>One line of <c>retl state show</c>: the ledger's summary and the counts of the sync's last run.</summary>
public sealed record StateLine(string SyncId, bool InManifest, SyncStateSummary? Summary, RunCounts? LastRun);

/// <summary>The state ledger as <c>retl state</c> shows it: each sync it knows, and whether the manifest still declares it.</summary>
public sealed class StateLedgerReader(IWarehouse warehouse, string schema = LedgerSchema.DefaultName)
{
    /// <summary>Every sync the ledger knows (empty when it does not exist yet), with the counts of its last run.</summary>
    public async Task<IReadOnlyList<StateLine>> ReadAsync(ISet<string> manifestSyncIds, CancellationToken cancellationToken) =>
        (await (await StateLedgerView.OpenAsync(warehouse, schema, cancellationToken)).ShowAsync(null, cancellationToken))
            .Select(s => new StateLine(s.SyncId, manifestSyncIds.Contains(s.SyncId), s, s.LastRunCounts))
            .ToList();
}
