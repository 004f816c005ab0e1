using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Api;
using ReverseEtlDbt.Warehouse.Snowflake.Auth;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>
/// An ADO.NET connection to Snowflake over the SQL API v2, so the diff, ledger, lock and guard code written against
/// <see cref="DbConnection"/> runs unchanged. There is no session: every command is its own HTTP request carrying the
/// profile's database, schema, warehouse and role, so <see cref="Open"/> only marks the connection open (the first
/// statement is the first call, and the first place a wrong key or account shows). Not thread-safe.
/// </summary>
public sealed class SnowflakeConnection : DbConnection
{
    private readonly HttpClient? ownedHttp;
    private ConnectionState state = ConnectionState.Closed;

    /// <summary>Uses <paramref name="http"/> as given (the caller owns it); its handler should decompress gzip.</summary>
    public SnowflakeConnection(SnowflakeProfileTarget target, HttpClient http, TimeProvider? time = null, SnowflakeApiOptions? options = null)
    {
        Target = target;
        time ??= TimeProvider.System;
        Options = options ?? new SnowflakeApiOptions();
        Tokens = SnowflakeTokenSources.For(target, http, time);
        Api = new SnowflakeApiClient(target, http, Tokens, time, Options);
        QueryTag = target.QueryTag;
    }

    /// <summary>Sends through <paramref name="handler"/> (the caller owns it), e.g. a test's scripted handler.</summary>
    public SnowflakeConnection(SnowflakeProfileTarget target, HttpMessageHandler handler, TimeProvider? time = null, SnowflakeApiOptions? options = null)
        : this(target, new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }, time, options, owned: true)
    {
    }

    /// <summary>
    /// One HTTP call's limit. Snowflake answers a submission within 45 s (with 202 if the statement still runs), so a
    /// call that takes longer is hung: it is retried, with the same requestId, like a 503.
    /// </summary>
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A connection with its own HTTP handler (gzip and deflate decompressed), disposed with it.</summary>
    public static SnowflakeConnection Create(SnowflakeProfileTarget target, TimeProvider? time = null, SnowflakeApiOptions? options = null)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ConnectTimeout = TimeSpan.FromSeconds(Math.Max(10, target.ConnectTimeout)),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }) { Timeout = HttpTimeout };
        return new SnowflakeConnection(target, http, time, options, owned: true);
    }

    private SnowflakeConnection(SnowflakeProfileTarget target, HttpClient http, TimeProvider? time, SnowflakeApiOptions? options, bool owned)
        : this(target, http, time, options) => ownedHttp = owned ? http : null;

    public SnowflakeProfileTarget Target { get; }

    public SnowflakeApiOptions Options { get; }

    /// <summary>Sent as <c>parameters.QUERY_TAG</c> on every request (so retl's statements can be found in QUERY_HISTORY); starts as the profile's <c>query_tag</c>.</summary>
    public string? QueryTag { get; set; }

    internal SnowflakeApiClient Api { get; }

    internal ISnowflakeTokenSource Tokens { get; }

    /// <summary>The transaction commands on this connection buffer into, if one is open.</summary>
    internal SnowflakeTransaction? CurrentTransaction { get; set; }

    /// <summary>Describes the target; setting it is not supported (the profile is the configuration).</summary>
    [AllowNull]
    public override string ConnectionString
    {
        get => $"account={Target.Account};database={Target.Database};schema={Target.Schema};endpoint={Target.BaseAddress}";
        set => throw new NotSupportedException("A SnowflakeConnection is configured from a dbt profile target, not a connection string.");
    }

    public override string Database => Target.Database;
    public override string DataSource => Target.BaseAddress.ToString();
    public override string ServerVersion => "snowflake-sql-api-v2";
    public override ConnectionState State => state;

    public override void Open() => state = ConnectionState.Open;

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        Open();
        return Task.CompletedTask;
    }

    public override void Close()
    {
        CurrentTransaction = null;
        state = ConnectionState.Closed;
    }

    public override void ChangeDatabase(string databaseName) =>
        throw new NotSupportedException("The Snowflake database comes from the profile's 'database:'; qualify names instead.");

    public new SnowflakeCommand CreateCommand() => new() { Connection = this };

    protected override DbCommand CreateDbCommand() => CreateCommand();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (CurrentTransaction is not null) throw new InvalidOperationException("A transaction is already open on this Snowflake connection.");
        return CurrentTransaction = new SnowflakeTransaction(this, isolationLevel);
    }

    /// <summary>Runs one request and reports its statement handles (query ids) to the connection's meter, failed ones too.</summary>
    internal async Task<SnowflakeResult> RunAsync(SnowflakeStatement statement, CancellationToken cancellationToken)
    {
        if (state != ConnectionState.Open) throw new InvalidOperationException("The Snowflake connection is not open.");
        var meter = Metering.WarehouseMeter.Of(this);
        try
        {
            var result = await Api.ExecuteAsync(statement, QueryTag, cancellationToken);
            meter?.RecordRemote(result.StatementHandle, null);
            foreach (var handle in result.StatementHandles) meter?.RecordRemote(handle, null);
            return result;
        }
        catch (SnowflakeException e) when (e.StatementHandle is not null)
        {
            meter?.RecordRemote(e.StatementHandle, null);
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
            ownedHttp?.Dispose();
            (Tokens as IDisposable)?.Dispose();
        }
        base.Dispose(disposing);
    }
}
