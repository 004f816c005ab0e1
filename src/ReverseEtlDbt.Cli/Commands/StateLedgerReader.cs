using System.Data.Common;
using ReverseEtlDbt.State;
using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>One line of <c>retl state show</c>: the ledger's summary and the counts of the sync's last run.</summary>
public sealed record StateLine(string SyncId, bool InManifest, SyncStateSummary? Summary, RunCounts? LastRun);

/// <summary>
/// Reads the state ledger for <c>retl state</c> without creating it: a warehouse where no sync ever ran has no
/// <c>retl_state</c> schema, and looking must not change that.
/// </summary>
public sealed class StateLedgerReader(IWarehouse warehouse, string schema = "retl_state")
{
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        await using var command = warehouse.Connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{schema.Replace("'", "''", StringComparison.Ordinal)}' AND table_name = 'runs'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    /// <summary>Every sync the ledger knows (empty when it does not exist yet), with the counts of its last run.</summary>
    public async Task<IReadOnlyList<StateLine>> ReadAsync(ISet<string> manifestSyncIds, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cancellationToken)) return [];
        var summaries = await new StateLedger(warehouse, schema).ShowAsync(null, cancellationToken);
        var lastRuns = await LastRunCountsAsync(cancellationToken);
        return summaries.Select(s => new StateLine(s.SyncId, manifestSyncIds.Contains(s.SyncId), s, lastRuns.GetValueOrDefault(s.SyncId))).ToList();
    }

    private async Task<Dictionary<string, RunCounts>> LastRunCountsAsync(CancellationToken cancellationToken)
    {
        var q = warehouse.Dialect.QuoteIdentifier;
        await using var command = warehouse.Connection.CreateCommand();
        command.CommandText = $"""
            SELECT "sync_id", "added", "changed", "removed", "rejected", "failed", "requests" FROM (
              SELECT *, ROW_NUMBER() OVER (PARTITION BY "sync_id" ORDER BY "started_at" DESC, "run_id" DESC) AS "rn"
              FROM {q(schema)}."runs") AS r
            WHERE r."rn" = 1
            """;
        var counts = new Dictionary<string, RunCounts>(StringComparer.Ordinal);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = new RunCounts(Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6));
        }
        return counts;
    }

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal));
}
