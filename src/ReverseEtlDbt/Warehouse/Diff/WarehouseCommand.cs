using System.Data.Common;
using DuckDB.NET.Data;

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

    /// <summary>
    /// A command whose reader fetches rows as they are consumed. DuckDB.NET otherwise materialises the whole result
    /// in native memory before the first row; Npgsql streams already.
    /// </summary>
    public static DbCommand CreateStreaming(DbConnection connection, DiffQuery query)
    {
        var command = Create(connection, query);
        if (command is DuckDBCommand duckDb) duckDb.UseStreamingMode = true;
        return command;
    }

    public static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Create(connection, sql, parameters, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static object? NullIfDbNull(object value) => value is DBNull ? null : value;
}
