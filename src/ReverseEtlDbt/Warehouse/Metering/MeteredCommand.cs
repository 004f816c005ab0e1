using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace ReverseEtlDbt.Warehouse.Metering;

/// <summary>
/// A provider's command that reports each execution to a <see cref="WarehouseMeter"/>: a statement from its start
/// until its result is read and closed, with the rows read. Everything else passes through unchanged. (A profiler
/// such as MiniProfiler wraps commands the same way; none is served here, so this is written by hand.)
/// </summary>
internal sealed class MeteredCommand(DbCommand inner, WarehouseMeter meter) : DbCommand
{
    [AllowNull]
    public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }
    public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }
    public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }
    public override UpdateRowSource UpdatedRowSource { get => inner.UpdatedRowSource; set => inner.UpdatedRowSource = value; }
    public override bool DesignTimeVisible { get => inner.DesignTimeVisible; set => inner.DesignTimeVisible = value; }
    protected override DbConnection? DbConnection { get => inner.Connection; set => inner.Connection = value; }
    protected override DbParameterCollection DbParameterCollection => inner.Parameters;
    protected override DbTransaction? DbTransaction { get => inner.Transaction; set => inner.Transaction = value; }

    public override void Cancel() => inner.Cancel();
    public override void Prepare() => inner.Prepare();
    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    public override int ExecuteNonQuery() => Metered(inner.ExecuteNonQuery);
    public override object? ExecuteScalar() => Metered(() => inner.ExecuteScalar(), rows: 1);

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try { return await inner.ExecuteNonQueryAsync(cancellationToken); }
        finally { meter.Record(started, 0); }
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try { return await inner.ExecuteScalarAsync(cancellationToken); }
        finally { meter.Record(started, 1); }
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var started = Stopwatch.GetTimestamp();
        try { return new MeteredReader(inner.ExecuteReader(behavior), meter, started); }
        catch { meter.Record(started, 0); throw; }
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try { return new MeteredReader(await inner.ExecuteReaderAsync(behavior, cancellationToken), meter, started); }
        catch { meter.Record(started, 0); throw; }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private T Metered<T>(Func<T> execute, long rows = 0)
    {
        var started = Stopwatch.GetTimestamp();
        try { return execute(); }
        finally { meter.Record(started, rows); }
    }
}
