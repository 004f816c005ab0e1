using System.Data.Common;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.DuckDb;
using ReverseEtlDbt.Warehouse.Postgres;

namespace ReverseEtlDbt.Tests.Warehouse.Diff;

/// <summary>A bare <see cref="IWarehouse"/> over an open connection, for the diff and state tests.</summary>
public sealed class ConnectionWarehouse(string adapterType, DbConnection connection) : IWarehouse
{
    public string AdapterType { get; } = adapterType;

    public ISqlDialect Dialect { get; } = adapterType switch
    {
        "postgres" => PostgresDialect.Instance,
        "redshift" => ReverseEtlDbt.Warehouse.Redshift.RedshiftDialect.Instance,
        "snowflake" => ReverseEtlDbt.Warehouse.Snowflake.SnowflakeDialect.Instance,
        _ => DuckDbDialect.Instance,
    };

    public DbConnection Connection { get; } = connection;

    public Task<IReadOnlyList<WarehouseColumn>> GetColumnsAsync(RelationName relation, CancellationToken cancellationToken) =>
        throw new NotSupportedException("not needed by the diff tests");

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
