using System.Data.Common;

namespace ReverseEtlDbt.Warehouse;

/// <summary>
/// Reads a relation's columns from <c>information_schema.columns</c> (PostgreSQL and Redshift; DuckDB where its
/// faster <c>pragma_table_info</c> cannot answer, see <see cref="DuckDb.DuckDbWarehouse"/>). Schema and table match case-insensitively
/// (PostgreSQL folds unquoted names to lower case);
/// when names differing only by case both exist, the exact spelling wins.
/// </summary>
internal static class InformationSchemaColumns
{
    /// <param name="typeExpression">SQL giving a column's full type (with precision where the adapter splits it out).</param>
    /// <param name="catalogFilter">Extra SQL predicate on <c>table_catalog</c> (may use parameter <c>db</c>), or null.</param>
    public static async Task<IReadOnlyList<WarehouseColumn>> ReadAsync(
        DbConnection connection, RelationName relation, string parameterPrefix, string typeExpression,
        string? catalogFilter, CancellationToken cancellationToken)
    {
        await using var command = WarehouseCommand.Metered(connection);
        var p = parameterPrefix;
        command.CommandText = $"""
            select table_schema, table_name, column_name, {typeExpression} as full_type
            from information_schema.columns
            where lower(table_schema) = lower({p}schema) and lower(table_name) = lower({p}table)
            {(catalogFilter is null ? "" : "and " + catalogFilter)}
            order by table_schema, table_name, ordinal_position
            """;
        Add(command, "schema", relation.Schema);
        Add(command, "table", relation.Identifier);
        if (catalogFilter is not null && relation.Database is not null) Add(command, "db", relation.Database);

        var rows = new List<(string Schema, string Table, WarehouseColumn Column)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add((reader.GetString(0), reader.GetString(1), new WarehouseColumn(reader.GetString(2), reader.GetString(3))));

        var relations = rows.Select(r => (r.Schema, r.Table)).Distinct().ToList();
        var chosen = relations.FirstOrDefault(r => r.Schema == relation.Schema && r.Table == relation.Identifier);
        if (chosen == default && relations.Count > 0) chosen = relations[0];
        return rows.Where(r => (r.Schema, r.Table) == chosen).Select(r => r.Column).ToList();
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
