using Npgsql;
using ReverseEtlDbt.Warehouse.Postgres;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse.Redshift;

/// <summary>
/// Redshift over the PostgreSQL protocol (Npgsql) with <see cref="RedshiftDialect"/>. Npgsql is told not to load
/// types from the catalog (Redshift's differ), and the session's <c>DateStyle</c> is set to ISO so dates and
/// timestamps cast to text the same on every run.
/// </summary>
public static class RedshiftWarehouse
{
    public static async Task<IWarehouse> OpenAsync(RedshiftProfileTarget target, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(PostgresConnectionString.Build(target));
        builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        var source = builder.Build();
        var warehouse = await PostgresWarehouse.OpenAsync(source.CreateConnection(), "redshift", RedshiftDialect.Instance, source, cancellationToken);
        try
        {
            await using var set = warehouse.Connection.CreateCommand();
            set.CommandText = "SET datestyle TO 'ISO, MDY'";
            await set.ExecuteNonQueryAsync(cancellationToken);
            return warehouse;
        }
        catch
        {
            await warehouse.DisposeAsync();
            throw;
        }
    }
}
