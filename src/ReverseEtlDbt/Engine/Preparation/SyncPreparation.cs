using ReverseEtlDbt.Checks;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;

namespace ReverseEtlDbt.Engine.Preparation;

/// <summary>
/// Decides, before anything touches a warehouse or a destination, what a run does with each selected sync: every
/// declared sync the selection takes ends up either runnable or refused, never dropped. The static checks decide
/// first (a sync with a contract, config or governance error never runs); then each connection's values are parsed
/// once into <see cref="ConnectionSettings"/>, and a value that cannot be read refuses the syncs on that connection
/// only. Pure: the caller reads the files.
/// </summary>
public static class SyncPreparation
{
    public static PreparedRun Prepare(PreparationInput input)
    {
        var selected = input.Catalog.Declared.Where(input.Selection.Includes).ToList();
        var report = Check(input, selected);
        var errors = report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var settings = new Dictionary<string, (ConnectionSettings? Settings, IReadOnlyList<ConfigException> Problems)>(StringComparer.Ordinal);
        var runnable = new List<SyncPlan>();
        var refused = new List<SyncOutcome>();
        foreach (var sync in selected)
        {
            var own = errors.Where(d => Refusal.Concerns(d, sync)).ToList();
            if (own.Count > 0 || !input.Connections.Connections.TryGetValue(sync.Connection, out var connection)
                || input.Registry.Find(connection.Type) is not { } factory)
            {
                refused.Add(Refusal.Of(sync, own));
                continue;
            }
            if (!settings.TryGetValue(connection.Name, out var parsed))
                settings[connection.Name] = parsed = ConnectionSettings.Parse(connection, factory);
            if (parsed.Settings is null) refused.Add(Refusal.Of(sync, parsed.Problems));
            else runnable.Add(new SyncPlan(sync, input.Manifest.Nodes[sync.ModelUniqueId], connection, factory, parsed.Settings));
        }
        return new PreparedRun(runnable, refused, report);
    }

    /// <summary>The static checks of the selected syncs, with the problems found while reading them.</summary>
    private static CheckReport Check(PreparationInput input, IReadOnlyList<DestinationSync> selected)
    {
        var ids = selected.Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var models = selected.Select(s => s.ModelName).ToHashSet(StringComparer.Ordinal);
        var earlier = input.Catalog.Diagnostics
            .Where(d => d.SyncId is not null ? ids.Contains(d.SyncId) : d.Model is null || models.Contains(d.Model))
            .Concat(input.ConnectionDiagnostics);
        var context = new CheckContext(input.Manifest, input.Selection.Apply(input.Catalog.Definitions), input.Connections, input.Registry);
        return CheckRunner.Run(context, earlier, input.Locator, selected);
    }
}
