using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Rules;

/// <summary>
/// The sync's mode, match and delete policy are ones its destination type declares it supports, and the destination
/// type finds nothing else it cannot do with it (<see cref="Destinations.IDestinationFactory.Validate"/>).
/// </summary>
public sealed class ModeRule : ICheckRule
{
    public IEnumerable<Diagnostic> Check(CheckContext context)
    {
        foreach (var sync in context.Syncs)
        {
            if (!context.Connections.Connections.TryGetValue(sync.Connection, out var connection)
                || context.Registry.Find(connection.Type) is not { } factory) continue; // ConnectionRule reports it
            var capabilities = factory.Capabilities;
            var type = factory.Type;
            if (!capabilities.Modes.Contains(sync.Mode))
                yield return SyncDiagnostics.For(sync, "mode_not_supported",
                    $"Mode '{Lower(sync.Mode)}' of sync '{sync.Id}' is not supported by {type} destinations",
                    "mode", $"Supported modes: {string.Join(", ", capabilities.Modes.Select(Lower))}.");
            if (sync.Mode == SyncMode.Mirror && sync.Delete != DeletePolicy.None && !capabilities.DeletePolicies.Contains(sync.Delete))
                yield return SyncDiagnostics.For(sync, "delete_not_supported",
                    $"Sync '{sync.Id}' mirrors with delete '{Lower(sync.Delete)}', which {type} destinations cannot do",
                    "delete", capabilities.DeletePolicies.Count == 0
                        ? "This destination cannot delete: use mode upsert, or `delete: none`."
                        : $"Use one of: {string.Join(", ", capabilities.DeletePolicies.Select(Lower))}, or none.");
            if (capabilities.RequiresMatch && sync.Match is null)
                yield return SyncDiagnostics.For(sync, "match_required",
                    $"Sync '{sync.Id}' needs `match` to find its {type} records", "match",
                    "Add `match: {column: <model column>, field: <unique destination field>}`.");
            foreach (var problem in factory.Validate(sync))
                yield return SyncDiagnostics.For(sync, "destination_unsupported", $"Sync '{sync.Id}': {problem.Message}", problem.Key, problem.Hint);
        }
    }

    private static string Lower<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
