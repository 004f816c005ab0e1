using System.Globalization;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Postgres;

/// <summary>
/// Writes a batch into a table in one transaction: rows go in as text (array parameters, or binary COPY into a
/// temp table above <see cref="PostgresDestinationOptions.CopyThreshold"/> rows) and are cast to the table's column
/// types in SQL. Upsert is <c>ON CONFLICT (match) DO UPDATE</c>, so a replayed batch is harmless. When a batch
/// fails on bad data, rows are retried one by one under savepoints so only the bad rows are rejected.
/// </summary>
public sealed class PostgresDestination(PostgresDestinationOptions options) : IDestination
{
    private readonly Dictionary<string, TableShape> shapes = new(StringComparer.Ordinal);

    public async Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(options.ConnectionString.Reveal());
            await connection.OpenAsync(cancellationToken);
            var table = await ShapeAsync(connection, batch.Sync.Object, cancellationToken);
            var statement = PostgresStatement.For(batch, table);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var outcomes = await statement.ExecuteAsync(connection, batch.Changes, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new BatchResult(outcomes);
            }
            catch (PostgresException e) when (IsDataError(e))
            {
                await transaction.RollbackAsync(cancellationToken);
                return new BatchResult(await RowByRowAsync(connection, statement, batch, cancellationToken));
            }
        }
        catch (PostgresException e) when (e.SqlState is "28P01" or "28000")
        {
            throw new DestinationAuthException($"PostgreSQL at {options.Where} refused the credentials ({e.SqlState}: authentication failed)");
        }
        catch (PostgresException e) when (e.SqlState is "42P01" or "42703" or "42P10")
        {
            throw new DestinationFatalException($"PostgreSQL table '{batch.Sync.Object}' cannot take this sync: {e.MessageText}"
                + (e.SqlState == "42P10" ? $" (add a unique constraint on the match column '{batch.Sync.Match?.Field}')" : ""));
        }
        catch (Exception e) when (e is NpgsqlException { IsTransient: true } or SocketException or TimeoutException)
        {
            throw new DestinationTransientException($"PostgreSQL at {options.Where} is unreachable: {e.Message}", inner: e);
        }
    }

    private static async Task<IReadOnlyList<RowOutcome>> RowByRowAsync(
        NpgsqlConnection connection, PostgresStatement statement, DestinationBatch batch, CancellationToken ct)
    {
        var outcomes = new List<RowOutcome>();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var change in batch.Changes)
        {
            await transaction.SaveAsync("row", ct);
            try
            {
                outcomes.AddRange(await statement.ExecuteAsync(connection, [change], ct));
                await transaction.ReleaseAsync("row", ct);
            }
            catch (PostgresException e) when (IsDataError(e))
            {
                await transaction.RollbackAsync("row", ct);
                outcomes.Add(RowOutcome.Rejected(change.PrimaryKey, $"{e.SqlState}: {e.MessageText}" + (e.Detail is { Length: > 0 } detail ? $" ({detail})" : "")));
            }
        }
        await transaction.CommitAsync(ct);
        return outcomes;
    }

    // Class 22 (data exception) and 23 (integrity constraint violation): the data is wrong, not the connection.
    private static bool IsDataError(PostgresException e) => e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal);

    private async Task<TableShape> ShapeAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        if (shapes.TryGetValue(table, out var shape)) return shape;
        await using var command = new NpgsqlCommand(
            "select a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a " +
            "where a.attrelid = to_regclass(@t) and a.attnum > 0 and not a.attisdropped order by a.attnum", connection);
        command.Parameters.AddWithValue("t", table);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) columns[reader.GetString(0)] = reader.GetString(1);
        if (columns.Count == 0)
            throw new DestinationFatalException($"PostgreSQL table '{table}' does not exist at {options.Where}; create it before syncing");
        return shapes[table] = new TableShape(table, columns);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Renders a warehouse value as the text PostgreSQL casts back to the column type.</summary>
    internal static string? ToText(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    internal static NpgsqlParameter TextArray(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}

/// <summary>A destination table's columns and their SQL types (<c>format_type</c>).</summary>
internal sealed record TableShape(string Name, IReadOnlyDictionary<string, string> Columns);
