using System.Data.Common;
using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Data;

namespace ReverseEtlDbt.Warehouse.Snowflake;

/// <summary>
/// Snowflake through its SQL API v2 (<see cref="SnowflakeConnection"/>, HTTP, no driver), with <see cref="SnowflakeDialect"/>.
/// Opening sends nothing: the first statement is the first request. Every statement carries the query tag a sync
/// sets (<c>retl:&lt;sync_id&gt;</c>), so Snowflake's query history shows what retl ran and for which sync.
/// </summary>
public sealed class SnowflakeWarehouse : IWarehouse
{
    private readonly SnowflakeConnection connection;

    private SnowflakeWarehouse(SnowflakeConnection connection) => this.connection = connection;

    public string AdapterType => "snowflake";
    public ISqlDialect Dialect => SnowflakeDialect.Instance;
    public DbConnection Connection => connection;

    public static async Task<SnowflakeWarehouse> OpenAsync(SnowflakeProfileTarget target, CancellationToken cancellationToken)
    {
        var connection = SnowflakeConnection.Create(target);
        await connection.OpenAsync(cancellationToken);
        return new SnowflakeWarehouse(connection);
    }

    public void TagQueries(string tag) => connection.QueryTag = tag;

    /// <summary>
    /// The relation's columns from its database's <c>information_schema.columns</c>, numbers with their precision and
    /// scale (<c>NUMBER(38,0)</c>) so the guard compares them as dbt-snowflake does. Names match case-insensitively:
    /// dbt's <c>customer_health</c> is Snowflake's <c>CUSTOMER_HEALTH</c>.
    /// </summary>
    public async Task<IReadOnlyList<WarehouseColumn>> GetColumnsAsync(RelationName relation, CancellationToken cancellationToken)
    {
        var catalog = relation.Database is null ? "" : Dialect.QuoteIdentifier(relation.Database) + ".";
        await using var command = WarehouseCommand.Create(connection, $"""
            SELECT "COLUMN_NAME",
                   "DATA_TYPE" || CASE WHEN "DATA_TYPE" = 'NUMBER' AND "NUMERIC_PRECISION" IS NOT NULL
                                       THEN '(' || TO_VARCHAR("NUMERIC_PRECISION") || ',' || TO_VARCHAR(COALESCE("NUMERIC_SCALE", 0)) || ')' ELSE '' END
            FROM {catalog}"INFORMATION_SCHEMA"."COLUMNS"
            WHERE UPPER("TABLE_SCHEMA") = UPPER($1) AND UPPER("TABLE_NAME") = UPPER($2)
            ORDER BY "ORDINAL_POSITION"
            """, [relation.Schema, relation.Identifier]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new List<WarehouseColumn>();
        while (await reader.ReadAsync(cancellationToken))
            columns.Add(new WarehouseColumn(reader.GetString(0), reader.GetString(1)));
        return columns;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
