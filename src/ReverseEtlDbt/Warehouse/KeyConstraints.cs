using ReverseEtlDbt.Warehouse.Diff;

namespace ReverseEtlDbt.Warehouse;

/// <summary>
/// Reads from the catalog (<c>information_schema</c>; DuckDB's <c>duckdb_constraints()</c>) whether the warehouse enforces a relation's key column as a single-column
/// primary key or unique constraint (dbt creates them from a contract's <c>constraints</c> on table models, on DuckDB
/// and PostgreSQL). A view has none, so its keys are always checked.
/// </summary>
public static class KeyConstraints
{
    /// <remarks>Where constraints are informational only (Redshift, Snowflake) a declared key proves nothing: no query.</remarks>
    public static async Task<KeyConstraint> ReadAsync(IWarehouse warehouse, RelationName relation, string column, CancellationToken cancellationToken)
    {
        if (!warehouse.Dialect.Traits.EnforcesKeyConstraints) return KeyConstraint.None;
        var sql = warehouse.Dialect.KeyConstraintsSql(relation.Database is not null);
        await using var command = WarehouseCommand.Create(warehouse.Connection, sql, relation.Database is null ? [relation.Schema, relation.Identifier, column] : [relation.Schema, relation.Identifier, column, relation.Database]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = KeyConstraint.None;
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(0);
            if (type == "PRIMARY KEY") return KeyConstraint.PrimaryKey;
            if (type == "UNIQUE") found = KeyConstraint.Unique;
        }
        return found;
    }

    /// <summary>
    /// Constraint types (<c>PRIMARY KEY</c>, <c>UNIQUE</c>) of single-column constraints on column <c>$3</c> of table
    /// <c>$2</c> in schema <c>$1</c> (and catalog <c>$4</c> when <paramref name="withCatalog"/>), names compared
    /// case-insensitively, from <c>information_schema</c>: <see cref="ISqlDialect.KeyConstraintsSql"/> where a dialect has no faster catalog.
    /// </summary>
    internal static string InformationSchemaSql(bool withCatalog) => $"""
        SELECT tc.constraint_type
        FROM information_schema.table_constraints AS tc
        JOIN information_schema.key_column_usage AS k
          ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
        WHERE lower(tc.table_schema) = lower($1) AND lower(tc.table_name) = lower($2)
          AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE'){(withCatalog ? " AND lower(tc.table_catalog) = lower($4)" : "")}
        GROUP BY tc.constraint_name, tc.constraint_type
        HAVING COUNT(*) = 1 AND lower(MAX(k.column_name)) = lower($3)
        """;
}
