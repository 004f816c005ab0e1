using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using ReverseEtlDbt.Warehouse.Snowflake.Api;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>
/// A statement with retl's positional markers (<c>$1</c>, <c>$2</c>…), rewritten to the SQL API's <c>?</c> bindings in
/// order of occurrence (a repeated marker is bound again). Inside a <see cref="SnowflakeTransaction"/>,
/// <see cref="ExecuteNonQueryAsync"/> buffers the statement (returning -1) instead of sending it.
/// </summary>
public sealed class SnowflakeCommand : DbCommand
{
    private readonly SnowflakeParameterCollection parameters = new();
    private SnowflakeConnection? connection;
    private CancellationTokenSource? running;
    private int? timeout;

    [AllowNull]
    public override string CommandText { get; set; } = "";

    /// <summary>Seconds Snowflake lets the statement run (the body's <c>timeout</c>); 0 leaves the account's default. Defaults to the connection's option.</summary>
    public override int CommandTimeout
    {
        get => timeout ?? connection?.Options.DefaultStatementTimeoutSeconds ?? 0;
        set => timeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text) throw new NotSupportedException("Snowflake commands are SQL text.");
        }
    }

    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set => connection = (SnowflakeConnection?)value;
    }

    protected override DbParameterCollection DbParameterCollection => parameters;
    protected override DbTransaction? DbTransaction { get; set; }

    /// <summary>Stops the statement running now, if any (Snowflake is asked to cancel it too).</summary>
    public override void Cancel() => running?.Cancel();

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new SnowflakeParameter();

    public override int ExecuteNonQuery() => ExecuteNonQueryAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override object? ExecuteScalar() => ExecuteScalarAsync(CancellationToken.None).GetAwaiter().GetResult();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        ExecuteDbDataReaderAsync(behavior, CancellationToken.None).GetAwaiter().GetResult();

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        if (ActiveTransaction() is { } transaction)
        {
            transaction.Buffer(PositionalMarkers.Rewrite(CommandText, n => SnowflakeValues.Literal(ValueOf(n))));
            return -1;
        }
        var result = await RunAsync(cancellationToken);
        return result.RowsAffected is { } rows ? (int)Math.Min(rows, int.MaxValue) : -1;
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        await using var reader = await ExecuteDbDataReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken) && reader.FieldCount > 0 ? reader.GetValue(0) : null;
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        new SnowflakeDataReader(Open().Api, await RunAsync(cancellationToken), cancellationToken);

    /// <summary>The request this command sends: <c>$n</c> → <c>?</c> with one binding per occurrence; plain <c>?</c> SQL binds the parameters in order.</summary>
    internal SnowflakeStatement Statement()
    {
        var bindings = new List<SnowflakeBinding>();
        var sql = PositionalMarkers.Rewrite(CommandText, n =>
        {
            bindings.Add(SnowflakeValues.Binding(ValueOf(n)));
            return "?";
        });
        if (bindings.Count == 0)
            bindings.AddRange(parameters.Cast<DbParameter>().Select(p => SnowflakeValues.Binding(p.Value)));
        return new SnowflakeStatement(sql, bindings) { TimeoutSeconds = CommandTimeout > 0 ? CommandTimeout : null };
    }

    private async Task<SnowflakeResult> RunAsync(CancellationToken cancellationToken)
    {
        var statement = Statement();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        running = linked;
        try
        {
            return await Open().RunAsync(statement, linked.Token);
        }
        finally
        {
            running = null;
        }
    }

    private SnowflakeTransaction? ActiveTransaction() => DbTransaction as SnowflakeTransaction ?? connection?.CurrentTransaction;

    private SnowflakeConnection Open() => connection ?? throw new InvalidOperationException("The command has no Connection.");

    private object? ValueOf(int marker) =>
        marker >= 1 && marker <= parameters.Count ? parameters[marker - 1].Value
        : throw new InvalidOperationException(
            $"The statement uses ${marker} but the command has {parameters.Count} parameter(s); add one parameter per marker, in order.");
}
