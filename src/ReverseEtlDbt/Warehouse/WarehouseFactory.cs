using ReverseEtlDbt.Warehouse.DuckDb;
using ReverseEtlDbt.Warehouse.Postgres;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse;

/// <summary>Opens the warehouse a dbt profile target points at.</summary>
public static class WarehouseFactory
{
    public static async Task<IWarehouse> OpenAsync(ProfileTarget target, CancellationToken cancellationToken) =>
        target switch
        {
            DuckDbProfileTarget duckDb => await DuckDbWarehouse.OpenAsync(duckDb, cancellationToken),
            PostgresProfileTarget postgres => await PostgresWarehouse.OpenAsync(postgres, cancellationToken),
            _ => throw new NotSupportedException($"No warehouse adapter for target type '{target.Type}'"),
        };
}
