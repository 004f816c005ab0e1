using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Preparation;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// The selected syncs as the engine's preparation step decided them (<see cref="LoadedProject.Prepare"/>), and how to
/// reach the warehouse (dbt's profile, read while the project is: see <see cref="WarehouseOpener"/>). Dispose it
/// when the run ends: it closes a connection opened ahead that no sync took.
/// </summary>
public sealed record RuntimeProject(LoadedProject Project, PreparedRun Prepared, WarehouseOpener Warehouse) : IAsyncDisposable
{
    public IReadOnlyList<SyncPlan> Runnable => Prepared.Runnable;
    public IReadOnlyList<SyncOutcome> Refused => Prepared.Refused;

    /// <summary>A new connection to the warehouse, the caller's to dispose.</summary>
    public Task<IWarehouse> OpenWarehouse(CancellationToken cancellationToken) => Warehouse.OpenAsync(cancellationToken);

    public static async Task<RuntimeProject> PrepareAsync(ProjectSettings settings, Func<string, string?> environment)
    {
        var warehouse = new WarehouseOpener(() => ProfileLoader.Load(new ProfileRequest(settings.FullProjectDir)
        {
            ProfilesDir = settings.ProfilesDir, Target = settings.Target, Environment = environment,
        }));
        try
        {
            var project = LoadedProject.Load(settings, environment);
            return new RuntimeProject(project, project.Prepare(), warehouse);
        }
        catch
        {
            await warehouse.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Warehouse.DisposeAsync();
}
