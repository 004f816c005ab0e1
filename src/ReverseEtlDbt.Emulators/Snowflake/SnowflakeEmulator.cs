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
        foreach (var file in Options.DuckDbFiles) LoadDuckDb(file);
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

    /// <summary>
    /// Copies every table of a DuckDB file (as dbt-duckdb builds one) into this account, as dbt-snowflake would have
    /// built them: database = the file's name (<c>retl_example.duckdb</c> is <c>RETL_EXAMPLE</c>, created if missing),
    /// each schema, table and column by its unquoted name (so upper case: <c>MAIN.CUSTOMER_HEALTH</c>), DuckDB types as
    /// Snowflake's (integers <c>NUMBER(38,0)</c>, <c>DOUBLE</c> <c>FLOAT</c>, <c>TIMESTAMP</c> <c>TIMESTAMP_NTZ</c>). The
    /// file is opened read-only and closed before this returns; an existing table is replaced. Returns the tables
    /// loaded (<c>RETL_EXAMPLE.MAIN.CUSTOMER_HEALTH</c>, ...). Throws <see cref="InvalidOperationException"/> naming
    /// the file when it cannot be read.
    /// </summary>
    public IReadOnlyList<string> LoadDuckDb(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new InvalidOperationException($"Cannot load '{full}' into the Snowflake emulator: no such file.");
        var target = Path.GetFileNameWithoutExtension(full).ToUpperInvariant();
        var data = database.Value;
        const string source = "retl_emulator_load";
        try
        {
            data.ExecuteDuckDb($"ATTACH '{full.Replace("'", "''", StringComparison.Ordinal)}' AS {source} (READ_ONLY)");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"Cannot load '{full}' into the Snowflake emulator: {e.Message}", e);
        }
        try
        {
            data.CreateDatabase(target);
            var columns = data.QueryDuckDb($"""
                SELECT c.table_schema, c.table_name, c.column_name, c.data_type
                FROM information_schema.columns c
                JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
                WHERE c.table_catalog = '{source}' AND t.table_type = 'BASE TABLE'
                ORDER BY c.table_schema, c.table_name, c.ordinal_position
                """);
            var loaded = new List<string>();
            foreach (var table in columns.GroupBy(c => ((string)c[0]!, (string)c[1]!)))
            {
                var (schema, name) = table.Key;
                var definition = string.Join(", ", table.Select(c => $"{Unquoted((string)c[2]!)} {SnowflakeType((string)c[3]!)}"));
                ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS {Unquoted(schema)}", target).GetAwaiter().GetResult();
                ExecuteAsync($"CREATE OR REPLACE TABLE {Unquoted(schema)}.{Unquoted(name)} ({definition})", target).GetAwaiter().GetResult();
                data.ExecuteDuckDb($"INSERT INTO {DuckDbName(target)}.{DuckDbName(Folded(schema))}.{DuckDbName(Folded(name))} "
                    + $"SELECT * FROM {source}.{DuckDbName(schema)}.{DuckDbName(name)}");
                loaded.Add($"{target}.{Folded(schema)}.{Folded(name)}");
            }
            return loaded;
        }
        finally
        {
            data.ExecuteDuckDb($"DETACH {source}");
        }
    }

    private static bool Simple(string name) => System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$");

    /// <summary>A name as dbt-snowflake writes it: unquoted (so folded to upper case) when it can be, else quoted as is.</summary>
    private static string Unquoted(string name) => Simple(name) ? name : DuckDbName(name);

    /// <summary>The name Snowflake stores for <see cref="Unquoted"/>.</summary>
    private static string Folded(string name) => Simple(name) ? name.ToUpperInvariant() : name;

    private static string DuckDbName(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string SnowflakeType(string duckDb) => duckDb.ToUpperInvariant() switch
    {
        "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" => "NUMBER(38,0)",
        "DOUBLE" or "FLOAT" or "REAL" => "FLOAT",
        "TIMESTAMP" => "TIMESTAMP_NTZ",
        "TIMESTAMP WITH TIME ZONE" => "TIMESTAMP_TZ",
        var other => other,
    };

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
