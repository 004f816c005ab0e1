using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Rules;

/// <summary>Sync ids key the state ledger and the lock: two syncs may never share one.</summary>
public sealed class UniqueSyncIdRule : ICheckRule
{
    public IEnumerable<Diagnostic> Check(CheckContext context) =>
        context.Syncs
            .GroupBy(s => s.Id, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(duplicate => SyncDiagnostics.For(duplicate, "duplicate_sync_id",
                $"Sync id '{g.Key}' is used {g.Count()} times ({string.Join(", ", g.Select(s => $"{s.ModelName} destinations[{s.Index}]"))})",
                "id", "Give each destination a distinct `id:`.")));
}
