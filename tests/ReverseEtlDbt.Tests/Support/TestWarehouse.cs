using System.Data.Common;
using Npgsql;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Profiles;
using Xunit;

namespace ReverseEtlDbt.Tests.Support;

/// <summary>
/// A fresh, isolated warehouse for one test: a DuckDB file in its own temp dir, or a PostgreSQL schema of its own
/// (set as <c>search_path</c>, so setup SQL can use unqualified names on both). Opened through
/// <see cref="WarehouseFactory"/> from a <see cref="ProfileTarget"/>, like production. Disposing drops it all.
/// <code>
/// [SkippableTheory]
/// [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
/// public async Task Something(WarehouseKind kind)
/// {
///     await using var db = await TestWarehouse.OpenAsync(kind);
///     await db.ExecuteAsync("create table customers (id integer, email varchar)");
///     var columns = await db.Warehouse.GetColumnsAsync(db.Relation("customers"), default);
/// }
/// </code>
/// </summary>
public sealed class TestWarehouse : IAsyncDisposable
{
    private readonly Func<Task> cleanup;

    private TestWarehouse(WarehouseKind kind, ProfileTarget target, string database, IWarehouse warehouse, Func<Task> cleanup)
    {
        Kind = kind;
        Target = target;
        Database = database;
        Warehouse = warehouse;
        this.cleanup = cleanup;
    }

    /// <summary>Theory data: every <see cref="WarehouseKind"/>.</summary>
    public static TheoryData<WarehouseKind> Kinds => new(Enum.GetValues<WarehouseKind>());

    /// <summary>
    /// Theory data: the warehouses that take PostgreSQL-style setup SQL (types such as <c>hugeint</c> or <c>timestamptz</c>,
    /// <c>SET datestyle</c>, infinite dates): all but the Snowflake emulator.
    /// </summary>
    public static TheoryData<WarehouseKind> PostgresLikeKinds => new(Enum.GetValues<WarehouseKind>().Where(k => k != WarehouseKind.Snowflake));

    public WarehouseKind Kind { get; }

    /// <summary>The target this warehouse was opened from; open it again for a second connection.</summary>
    public ProfileTarget Target { get; }

    public IWarehouse Warehouse { get; }

    public string Database { get; }

    /// <summary>The test's own schema: <c>main</c> of its DuckDB file, or a unique PostgreSQL schema.</summary>
    public string Schema => Target.Schema;

    public DbConnection Connection => Warehouse.Connection;

    /// <summary>The three-part name of <paramref name="table"/> in this test's schema.</summary>
    public RelationName Relation(string table) => new(Database, Schema, table);

    /// <summary>Opens a fresh warehouse; a PostgreSQL one skips the test when no server is configured (fails in CI).</summary>
    public static Task<TestWarehouse> OpenAsync(WarehouseKind kind, CancellationToken cancellationToken = default) =>
        kind switch
        {
            WarehouseKind.DuckDb => OpenDuckDbAsync(cancellationToken),
            WarehouseKind.Postgres => OpenPostgresAsync(cancellationToken),
            WarehouseKind.Redshift => OpenPostgresAsync(cancellationToken, redshift: true),
            WarehouseKind.Snowflake => OpenSnowflakeAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    /// <summary>A second, independent connection to the same warehouse (the caller disposes it).</summary>
    public Task<IWarehouse> OpenAnotherAsync(CancellationToken cancellationToken = default) =>
        WarehouseFactory.OpenAsync(Target, cancellationToken);

    /// <summary>The Snowflake emulator behind a <see cref="WarehouseKind.Snowflake"/> warehouse; null otherwise.</summary>
    public ReverseEtlDbt.Emulators.EmulatorHost? SnowflakeEmulator { get; private init; }

    /// <summary>Runs setup SQL (one or more statements separated by <c>;</c>).</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        if (SnowflakeEmulator is { } emulator)
        {
            // Setup goes in as a seed, in the test's schema (the SQL API would need MULTI_STATEMENT_COUNT for a script).
            await emulator.Snowflake.ExecuteAsync(sql, SnowflakeDatabase, Schema);
            return;
        }
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or null.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken = default)
    {
        if (SnowflakeEmulator is { } emulator)
            { var rows = await emulator.Snowflake.ExecuteAsync(sql, SnowflakeDatabase, Schema); return rows.Count == 0 ? null : rows[0][0]; }
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public async ValueTask DisposeAsync()
    {
        await Warehouse.DisposeAsync();
        await cleanup();
    }

    private static async Task<TestWarehouse> OpenDuckDbAsync(CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), "retl-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "warehouse.duckdb");
        await using (var create = new DuckDB.NET.Data.DuckDBConnection($"Data Source={path}"))
            await create.OpenAsync(cancellationToken); // the adapter opens only existing files, as dbt would have built one
        var target = new DuckDbProfileTarget { Path = path, Database = DuckDbProfileTarget.DatabaseNameFor(path), Schema = "main" };
        var warehouse = await WarehouseFactory.OpenAsync(target, cancellationToken);
        return new TestWarehouse(WarehouseKind.DuckDb, target, target.Database, warehouse, () =>
        {
            // DuckDB.NET returns the file to the OS when its connection closes; a leftover temp file is harmless.
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        });
    }

    private static async Task<TestWarehouse> OpenPostgresAsync(CancellationToken cancellationToken, bool redshift = false)
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.RequireConnectionString());
        var schema = "retl_t_" + Guid.NewGuid().ToString("N");
        await RunOnServerAsync(server, $"create schema \"{schema}\"", cancellationToken);

        var target = new PostgresProfileTarget
        {
            Host = server.Host ?? "127.0.0.1",
            Port = server.Port,
            User = server.Username ?? "postgres",
            Password = new Secret(server.Password ?? ""),
            DbName = server.Database ?? "postgres",
            Schema = schema,
            SearchPath = schema,
        };
        ProfileTarget opened = redshift
            ? new RedshiftProfileTarget
            {
                Host = target.Host, Port = target.Port, User = target.User, Password = target.Password, DbName = target.DbName,
                Schema = schema, SearchPath = schema,
            }
            : target;
        var warehouse = await WarehouseFactory.OpenAsync(opened, cancellationToken);
        return new TestWarehouse(redshift ? WarehouseKind.Redshift : WarehouseKind.Postgres, opened, target.DbName, warehouse,
            () => RunOnServerAsync(server, $"drop schema if exists \"{schema}\" cascade", CancellationToken.None));
    }

    private const string SnowflakeDatabase = "ANALYTICS";

    /// <summary>A fresh Snowflake emulator with a schema of the test's own, opened through retl's SQL API connector.</summary>
    private static async Task<TestWarehouse> OpenSnowflakeAsync(CancellationToken cancellationToken)
    {
        var emulator = await ReverseEtlDbt.Emulators.EmulatorHost.StartAsync(new ReverseEtlDbt.Emulators.EmulatorOptions(), cancellationToken);
        var schema = "T_" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await emulator.Snowflake.ExecuteAsync($"CREATE SCHEMA {schema}", SnowflakeDatabase);
        var target = new SnowflakeProfileTarget
        {
            Account = emulator.Snowflake.Options.Account, User = emulator.Snowflake.Options.User, Database = SnowflakeDatabase, Schema = schema,
            Warehouse = emulator.Snowflake.Options.DefaultWarehouse, Role = emulator.Snowflake.Options.DefaultRole,
            Credentials = new SnowflakeCredentials.ProgrammaticAccessToken(new Secret(emulator.Snowflake.Options.ProgrammaticAccessToken)),
            BaseAddress = emulator.BaseUrl,
        };
        var warehouse = await WarehouseFactory.OpenAsync(target, cancellationToken);
        return new TestWarehouse(WarehouseKind.Snowflake, target, SnowflakeDatabase, warehouse, () => emulator.DisposeAsync().AsTask())
        {
            SnowflakeEmulator = emulator,
        };
    }

    private static async Task RunOnServerAsync(NpgsqlConnectionStringBuilder server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
