namespace ReverseEtlDbt.Tests.Support;

/// <summary>The warehouses every warehouse test runs against; see <see cref="TestWarehouse"/>.</summary>
public enum WarehouseKind
{
    DuckDb,
    Postgres,

    /// <summary>The PostgreSQL server opened as <c>type: redshift</c>: Redshift's dialect, lease lock and portable ledger SQL.</summary>
    Redshift,

    /// <summary>The Snowflake SQL API emulator (DuckDB underneath), reached by retl's HTTP connector.</summary>
    Snowflake,
}
