using System.Data.Common;

namespace ReverseEtlDbt.Warehouse;

/// <summary>Creates commands with positional (unnamed) parameters, bound in order to <c>$1</c>, <c>$2</c>, … on DuckDB and PostgreSQL.</summary>
internal static class WarehouseCommand
{
    public static DbCommand Create(DbConnection connection, string sql, IEnumerable<object?> parameters, DbTransaction? transaction = null)
    {
        var command = Metered(connection);
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

    /// <summary>A new command on <paramref name="connection"/>, reporting to its <see cref="Metering.WarehouseMeter"/> when one is attached.</summary>
    public static DbCommand Metered(DbConnection connection)
    {
        var command = connection.CreateCommand();
        return Metering.WarehouseMeter.Of(connection) is { } meter ? new Metering.MeteredCommand(command, meter) : command;
    }

    public static DbCommand Create(DbConnection connection, DiffQuery query) => Create(connection, query.Sql, query.Parameters);

    /// <summary>
    /// A command for reading the diff while state is committed on a second connection. Npgsql streams rows as they
    /// are consumed. On DuckDB the result (changed rows only) is materialised by the query: DuckDB.NET's streaming mode
    /// keeps the read transaction open while the engine commits, and DuckDB then holds row versions for it; measured
    /// with the sync bench, peak RSS for 1M changed rows went from 0.5 GB (materialised) to 2.9 GB (streaming).
    /// </summary>
    public static DbCommand CreateForDiff(DbConnection connection, DiffQuery query) => Create(connection, query);

    public static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Create(connection, sql, parameters, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static object? NullIfDbNull(object value) => value is DBNull ? null : value;
}
