using ReverseEtlDbt.Checks;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// The selected syncs made ready to run: the static checks decide first (a sync with a contract or governance
/// violation never runs), then each runnable sync gets its model, connection and destination type.
/// </summary>
public sealed record RuntimeProject(
    LoadedProject Project,
    IReadOnlyList<SyncPlan> Runnable,
    IReadOnlyList<SyncOutcome> Refused,
    Func<CancellationToken, Task<IWarehouse>> OpenWarehouse)
{
    public static RuntimeProject Prepare(ProjectSettings settings, Func<string, string?> environment)
    {
        var project = LoadedProject.Load(settings, environment);
        var report = CheckRunner.Run(new CheckContext(project.Manifest, project.Selected, project.Connections, project.Registry),
            project.ConnectionDiagnostics);
        var errors = report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var runnable = new List<SyncPlan>();
        var refused = new List<SyncOutcome>();
        foreach (var sync in project.SelectedSyncs)
        {
            var own = errors.Where(d => d.SyncId == sync.Id
                || d.SyncId is null && d.Connection == sync.Connection
                || d.SyncId is null && d.Connection is null && (d.Model == sync.ModelName || d.Model is null)).ToList();
            if (own.Count > 0)
            {
                refused.Add(new SyncOutcome
                {
                    Sync = sync, Status = SyncStatus.Error,
                    Errors = own.Select(d => new SyncError("check_failed", $"[{d.Code}] {d.Message}" + (d.Hint is null ? "" : $" Hint: {d.Hint}"))).ToList(),
                });
                continue;
            }
            var connection = project.Connections.Connections[sync.Connection];
            runnable.Add(new SyncPlan(sync, project.Manifest.Nodes[sync.ModelUniqueId], connection, project.Registry.Find(connection.Type)!));
        }

        var profile = new Lazy<WarehouseProfile>(() => ProfileLoader.Load(new ProfileRequest(settings.FullProjectDir)
        {
            ProfilesDir = settings.ProfilesDir, Target = settings.Target, Environment = environment,
        }));
        return new RuntimeProject(project, runnable, refused, ct => WarehouseFactory.OpenAsync(profile.Value.Target, ct));
    }

    /// <summary>0 all synced; 2 when a contract, config or check error stopped a sync; 1 for rejected rows or destination failures.</summary>
    public static int ExitCode(IEnumerable<SyncOutcome> outcomes)
    {
        var list = outcomes.ToList();
        if (list.Any(o => o.Status == SyncStatus.Error && o.Errors.Any(e => e.Code is "check_failed" or "contract_mismatch" or "config_error")))
            return ExitCodes.ConfigError;
        return list.Any(o => o.Status is SyncStatus.Error or SyncStatus.Partial) ? ExitCodes.Partial : ExitCodes.Success;
    }
}
