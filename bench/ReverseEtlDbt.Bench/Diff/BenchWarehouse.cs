using System.Data.Common;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.DuckDb;
using ReverseEtlDbt.Warehouse.Postgres;

namespace ReverseEtlDbt.Bench.Diff;

/// <summary>A DuckDB connection as an <see cref="IWarehouse"/>, for the diff benchmark.</summary>
internal sealed class BenchWarehouse(DbConnection connection) : IWarehouse
{
    public string AdapterType => "duckdb";
    public ISqlDialect Dialect => DuckDbDialect.Instance;
    public DbConnection Connection { get; } = connection;

    public Task<IReadOnlyList<WarehouseColumn>> GetColumnsAsync(RelationName relation, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
