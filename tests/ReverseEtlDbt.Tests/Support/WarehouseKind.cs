namespace ReverseEtlDbt.Tests.Support;

/// <summary>The warehouses every warehouse test runs against; see <see cref="TestWarehouse"/>.</summary>
public enum WarehouseKind
{
    DuckDb,
    Postgres,
}
