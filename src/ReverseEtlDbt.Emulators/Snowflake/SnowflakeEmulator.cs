using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// The Snowflake SQL API v2 emulator: statements run on an embedded DuckDB in Snowflake's dialect (see
/// <see cref="SnowflakeSession"/> and the <c>Sql</c> folder), behind handles that can be polled, paged and canceled.
/// Routes: <c>POST /api/v2/statements</c>, <c>GET /api/v2/statements/{handle}[?partition=n]</c>,
/// <c>POST /api/v2/statements/{handle}/cancel</c>. Tests seed tables with <see cref="ExecuteAsync"/> and read what ran
/// from <see cref="History"/>.
/// </summary>
public sealed class SnowflakeEmulator : Emulator<SnowflakeEmulatorOptions, SnowflakeRequest>
{
    private readonly Lock gate = new();
    private readonly List<SnowflakeQuery> history = [];
    private readonly Lazy<SnowflakeDatabase> database;
    private readonly SnowflakeStatements statements = new();
    private readonly SnowflakeExecution execution;

    internal SnowflakeEmulator(SnowflakeEmulatorOptions options, EmulatorFaults faults, TimeProvider time)
        : base(options, faults, time)
    {
        database = new Lazy<SnowflakeDatabase>(() => new SnowflakeDatabase(options.Databases));
        execution = new SnowflakeExecution(() => database.Value, options, statements, Remember, time);
    }

    public override int ListingOrder => 60;

    public override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapSnowflake(this);
        routes.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(() =>
        {
            if (database.IsValueCreated) database.Value.Dispose();
        });
    }

    public override string Describe(Uri baseUrl) =>
        $"Snowflake SQL API emulator: {baseUrl} (account: {Options.Account}, user: {Options.User}, oauth token: {Options.OAuthToken}, "
        + $"programmatic access token: {Options.ProgrammaticAccessToken}, key-pair JWT: {(Options.PublicKeyPem is null ? "any" : "verified")})";

    /// <summary>Every statement executed through the API, in order (seeding with <see cref="ExecuteAsync"/> is not included).</summary>
    public IReadOnlyList<SnowflakeQuery> History
    {
        get { lock (gate) return history.ToList(); }
    }

    /// <summary>
    /// Runs Snowflake SQL (any number of statements, translated as API requests are) in <paramref name="database"/>
    /// (default: the default database) and <paramref name="schema"/>, outside the API: to seed tables or read them back.
    /// Returns the last statement's rows as the API would encode them. Throws <see cref="InvalidOperationException"/>
    /// with Snowflake's message when a statement fails.
    /// </summary>
    public Task<IReadOnlyList<string?[]>> ExecuteAsync(string sql, string? database = null, string? schema = null)
    {
        var context = new SnowflakeContext(database ?? Options.DefaultDatabase, schema ?? Options.DefaultSchema,
            Options.DefaultWarehouse, null, null);
        try
        {
            return Task.FromResult(execution.RunUnrecorded(sql, context).Rows);
        }
        catch (SnowflakeSqlException e)
        {
            throw new InvalidOperationException($"{e.Error.Code} ({e.Error.SqlState}): {e.Error.Message}", e);
        }
    }

    /// <summary>Where the statement behind <paramref name="handle"/> stands, without polling it (<c>null</c> when unknown).</summary>
    public SnowflakeStatementState? StateOf(string handle)
    {
        var statement = statements.Find(handle);
        if (statement is null) return null;
        lock (statement.Gate) return statement.State;
    }

    /// <summary>
    /// A new statement, or the one <paramref name="requestId"/> already submitted (never run twice). A synchronous,
    /// quick statement runs now; an async one, one with pending polls or one slower than the synchronous wait stays pending.
    /// </summary>
    internal SnowflakeStatement Submit(SnowflakeSubmission submission, string? requestId, bool async)
    {
        var now = Time.GetUtcNow();
        var (statement, existing) = statements.Submit(requestId, () => Create(submission, requestId, now, async));
        if (existing || !async)
            lock (statement.Gate) statement.Advance(now, poll: false, execution.Run);
        return statement;
    }

    internal SnowflakeStatement? Poll(string handle)
    {
        var statement = statements.Find(handle);
        if (statement is not null)
            lock (statement.Gate) statement.Advance(Time.GetUtcNow(), poll: true, execution.Run);
        return statement;
    }

    internal SnowflakeStatement? Cancel(string handle)
    {
        var statement = statements.Find(handle);
        if (statement is not null)
            lock (statement.Gate) statement.Cancel();
        return statement;
    }

    private SnowflakeStatement Create(SnowflakeSubmission submission, string? requestId, DateTimeOffset now, bool async)
    {
        var duration = Options.StatementDuration(submission.Sql);
        var timesOut = submission.Timeout is { } seconds && duration > TimeSpan.FromSeconds(seconds);
        var runs = timesOut ? TimeSpan.FromSeconds(submission.Timeout!.Value) : duration;
        return new SnowflakeStatement(SnowflakeStatements.NewHandle(), requestId, now, submission)
        {
            PendingPolls = Math.Max(0, Options.PendingPolls),
            TimesOut = timesOut,
            // A synchronous call waits up to SynchronousWait for the answer: what ends within it is answered at once.
            Due = !async && runs <= Options.SynchronousWait ? now : now + runs,
        };
    }

    private void Remember(SnowflakeQuery query)
    {
        lock (gate) history.Add(query);
    }
}
