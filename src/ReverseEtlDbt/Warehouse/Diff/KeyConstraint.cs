namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>What the warehouse itself enforces on a model's key column, read from its catalog.</summary>
public enum KeyConstraint
{
    /// <summary>Nothing: null and duplicated keys must be looked for.</summary>
    None,

    /// <summary>A single-column unique constraint: no duplicates, but nulls are allowed.</summary>
    Unique,

    /// <summary>A single-column primary key: neither nulls nor duplicates can exist.</summary>
    PrimaryKey,
}
