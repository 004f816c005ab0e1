using System.Data.Common;

namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>Creates commands with positional (unnamed) parameters, bound in order to <c>$1</c>, <c>$2</c>, … on DuckDB and PostgreSQL.</summary>
internal static class WarehouseCommand
{
    public static DbCommand Create(DbConnection connection, string sql, IEnumerable<object?> parameters, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var value in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static DbCommand Create(DbConnection connection, DiffQuery query) => Create(connection, query.Sql, query.Parameters);

    public static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Create(connection, sql, parameters, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static object? NullIfDbNull(object value) => value is DBNull ? null : value;
}
