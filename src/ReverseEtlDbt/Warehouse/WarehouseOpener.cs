using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse;

/// <summary>
/// Opens a run's warehouse connections from dbt's profile. The profile is read, and an embedded DuckDB's first
/// connection opened, on the thread pool from the moment the run starts, while the manifest and the connections file
/// are read on the other core; the first <see cref="OpenAsync"/> takes that connection. Nothing else changes: an error
/// reading the profile or opening the database surfaces to the first caller exactly as opening on demand would raise
/// it, a run that never needs the warehouse never sees it, and a connection nobody took is closed on dispose.
/// A remote warehouse is only connected to on demand: connecting early would be a login and a session nobody may use.
/// </summary>
public sealed class WarehouseOpener : IAsyncDisposable
{
    private readonly Task<WarehouseProfile> profile;
    private Task<IWarehouse?>? first;

    /// <param name="loadProfile">Reads the profile (<see cref="ProfileLoader.Load"/>); run once, on the thread pool.</param>
    public WarehouseOpener(Func<WarehouseProfile> loadProfile)
    {
        profile = Task.Run(loadProfile);
        first = Task.Run(async () => await profile is { Target.Embedded: true } embedded
            ? await WarehouseFactory.OpenAsync(embedded, CancellationToken.None)
            : null);
    }

    /// <summary>A connection of its own to the caller (the one opened ahead for the first caller), disposed by the caller.</summary>
    public async Task<IWarehouse> OpenAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref first, null) is { } early && await early is { } opened) return opened;
        return await WarehouseFactory.OpenAsync(await profile.WaitAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Closes the connection opened ahead when nobody took it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref first, null) is not { } early) return;
        try
        {
            if (await early is { } unused) await unused.DisposeAsync();
        }
        catch (Exception)
        {
            // The run never asked for the warehouse: a profile it could not read, or a database it could not open, is
            // not this run's failure (the next run that needs it reports it).
        }
    }
}
