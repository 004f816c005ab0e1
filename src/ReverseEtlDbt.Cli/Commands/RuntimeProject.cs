using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Preparation;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// The selected syncs as the engine's preparation step decided them (<see cref="LoadedProject.Prepare"/>), and how to
/// reach the warehouse (dbt's profile, read on first use).
/// </summary>
public sealed record RuntimeProject(
    LoadedProject Project,
    PreparedRun Prepared,
    Func<CancellationToken, Task<IWarehouse>> OpenWarehouse)
{
    public IReadOnlyList<SyncPlan> Runnable => Prepared.Runnable;
    public IReadOnlyList<SyncOutcome> Refused => Prepared.Refused;

    public static RuntimeProject Prepare(ProjectSettings settings, Func<string, string?> environment)
    {
        var project = LoadedProject.Load(settings, environment);
        var prepared = project.Prepare();
        var profile = new Lazy<WarehouseProfile>(() => ProfileLoader.Load(new ProfileRequest(settings.FullProjectDir)
        {
            ProfilesDir = settings.ProfilesDir, Target = settings.Target, Environment = environment,
        }));
        return new RuntimeProject(project, prepared, ct => WarehouseFactory.OpenAsync(profile.Value, ct));
    }
}
