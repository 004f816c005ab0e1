namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>
/// One output (target) of a dbt profile, validated: which adapter, where, and the schema dbt builds into.
/// Credentials are <see cref="Definitions.Secret"/>s, so printing a target never shows them.
/// </summary>
public abstract record ProfileTarget
{
    /// <summary>dbt adapter type: <c>duckdb</c> or <c>postgres</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The target's default schema (<c>schema:</c>).</summary>
    public required string Schema { get; init; }

    /// <summary>
    /// Whether the warehouse is embedded in the process (DuckDB): opening it reaches nothing outside, so a run opens it
    /// ahead of need (<see cref="WarehouseOpener"/>); a remote one is connected to only when a sync needs it.
    /// </summary>
    public virtual bool Embedded => false;
}
