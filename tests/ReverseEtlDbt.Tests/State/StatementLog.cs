using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using ReverseEtlDbt.Warehouse;

namespace ReverseEtlDbt.Tests.State;

/// <summary>A warehouse whose connection records the text of every command it runs (for counting ledger queries).</summary>
public sealed class StatementLog
{
    public ConcurrentQueue<string> Statements { get; } = new();

    /// <summary>Called with each statement's text before it runs (e.g. to stop a run at a precise point).</summary>
    public Action<string>? BeforeEach { get; set; }

    public Func<CancellationToken, Task<IWarehouse>> Wrap(Func<CancellationToken, Task<IWarehouse>> open) =>
        async ct => new LoggedWarehouse(await open(ct), this);

    private sealed class LoggedWarehouse(IWarehouse inner, StatementLog log) : IWarehouse
    {
        public string AdapterType => inner.AdapterType;
        public ISqlDialect Dialect => inner.Dialect;
        public DbConnection Connection { get; } = new LoggedConnection(inner.Connection, log);

        public Task<IReadOnlyList<WarehouseColumn>> GetColumnsAsync(RelationName relation, CancellationToken cancellationToken) =>
            inner.GetColumnsAsync(relation, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class LoggedConnection(DbConnection inner, StatementLog log) : DbConnection
    {
        [AllowNull]
        public override string ConnectionString { get => inner.ConnectionString; set => inner.ConnectionString = value; }
        public override string Database => inner.Database;
        public override string DataSource => inner.DataSource;
        public override string ServerVersion => inner.ServerVersion;
        public override ConnectionState State => inner.State;
        public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);
        public override void Close() => inner.Close();
        public override void Open() => inner.Open();
        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);
        protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
            await inner.BeginTransactionAsync(isolationLevel, cancellationToken);
        protected override DbCommand CreateDbCommand() => new LoggedCommand(inner.CreateCommand(), this, log);
    }

    private sealed class LoggedCommand(DbCommand inner, DbConnection connection, StatementLog log) : DbCommand
    {
        [AllowNull]
        public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }
        public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }
        public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }
        public override bool DesignTimeVisible { get => inner.DesignTimeVisible; set => inner.DesignTimeVisible = value; }
        public override UpdateRowSource UpdatedRowSource { get => inner.UpdatedRowSource; set => inner.UpdatedRowSource = value; }
        protected override DbConnection? DbConnection { get => connection; set { } }
        protected override DbParameterCollection DbParameterCollection => inner.Parameters;
        protected override DbTransaction? DbTransaction { get => inner.Transaction; set => inner.Transaction = value; }
        public override void Cancel() => inner.Cancel();
        public override void Prepare() => inner.Prepare();
        protected override DbParameter CreateDbParameter() => inner.CreateParameter();

        public override int ExecuteNonQuery() => Logged(inner.ExecuteNonQuery);
        public override object? ExecuteScalar() => Logged(inner.ExecuteScalar);
        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Logged(() => inner.ExecuteReader(behavior));

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Logged(() => inner.ExecuteNonQueryAsync(cancellationToken));
        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Logged(() => inner.ExecuteScalarAsync(cancellationToken));
        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
            Logged(() => inner.ExecuteReaderAsync(behavior, cancellationToken));

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private T Logged<T>(Func<T> execute)
        {
            log.Statements.Enqueue(inner.CommandText);
            log.BeforeEach?.Invoke(inner.CommandText);
            return execute();
        }
    }
}
