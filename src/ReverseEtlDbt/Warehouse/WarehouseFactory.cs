using System.Data.Common;
using System.Net.Sockets;
using ReverseEtlDbt.Warehouse.DuckDb;
using ReverseEtlDbt.Warehouse.Postgres;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse;

/// <summary>Opens the warehouse a dbt profile target points at.</summary>
public static class WarehouseFactory
{
    /// <summary>
    /// Opens <paramref name="profile"/>'s warehouse; a failure to reach it becomes a <see cref="WarehouseUnreachableException"/>
    /// naming the profile, the target and where it points (never the password).
    /// </summary>
    public static async Task<IWarehouse> OpenAsync(WarehouseProfile profile, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenAsync(profile.Target, cancellationToken);
        }
        catch (Exception e) when (e is DbException or SocketException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw WarehouseUnreachableException.For(profile, e);
        }
    }

    public static async Task<IWarehouse> OpenAsync(ProfileTarget target, CancellationToken cancellationToken) =>
        target switch
        {
            DuckDbProfileTarget duckDb => await DuckDbWarehouse.OpenAsync(duckDb, cancellationToken),
            PostgresProfileTarget postgres => await PostgresWarehouse.OpenAsync(postgres, cancellationToken),
            SnowflakeProfileTarget snowflake => await Snowflake.SnowflakeWarehouse.OpenAsync(snowflake, cancellationToken),
            RedshiftProfileTarget redshift => await Redshift.RedshiftWarehouse.OpenAsync(redshift, cancellationToken),
            _ => throw new NotSupportedException($"No warehouse adapter for target type '{target.Type}'"),
        };
}
