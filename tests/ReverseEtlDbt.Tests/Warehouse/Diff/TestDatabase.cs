using Xunit;
using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.DuckDb;
using ReverseEtlDbt.Warehouse.Postgres;
using ReverseEtlDbt.Tests.Support;

namespace ReverseEtlDbt.Tests.Warehouse.Diff;

/// <summary>
/// A fresh database per test: a temp DuckDB file, or fresh schemas in the PostgreSQL of <c>RETL_TEST_POSTGRES</c>
/// (skipped with a reason when unset, failed when <c>CI=true</c>). The model lives in <see cref="Schema"/>, the
/// state in <see cref="StateSchema"/>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string connectionString;
    private readonly List<ConnectionWarehouse> opened = [];

    private TestDatabase(string engine, string connectionString, string schema)
    {
        Engine = engine;
        this.connectionString = connectionString;
        Schema = schema;
    }

    public string Engine { get; }
    public string Schema { get; }
    public string StateSchema => Schema + "_state";

    public ISqlDialect Dialect => Engine switch
    {
        "snowflake" => ReverseEtlDbt.Warehouse.Snowflake.SnowflakeDialect.Instance,
        "postgres" => PostgresDialect.Instance,
        "redshift" => ReverseEtlDbt.Warehouse.Redshift.RedshiftDialect.Instance,
        _ => DuckDbDialect.Instance,
    };

    /// <summary>DuckDB, PostgreSQL, and the PostgreSQL server run with Redshift's dialect (its portable ledger SQL and lease lock).</summary>
    public static IEnumerable<object[]> Engines => [["duckdb"], ["postgres"], ["redshift"], ["snowflake"]];

    /// <summary>The Snowflake emulator of a <c>snowflake</c> database (its SQL API, DuckDB underneath).</summary>
    private ReverseEtlDbt.Emulators.EmulatorHost? snowflake;

    public static async Task<TestDatabase> CreateAsync(string engine)
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        TestDatabase database;
        if (engine == "snowflake")
        {
            database = new TestDatabase(engine, "", schema)
            {
                snowflake = await ReverseEtlDbt.Emulators.EmulatorHost.StartAsync(new ReverseEtlDbt.Emulators.EmulatorOptions(), CancellationToken.None),
            };
        }
        else if (engine == "duckdb")
        {
            database = new TestDatabase(engine, $"Data Source={Path.Combine(Path.GetTempPath(), "retl_diff_" + schema + ".duckdb")}", schema);
        }
        else
        {
            database = new TestDatabase(engine, TestPostgres.RequireConnectionString(), schema);
        }
        await database.ExecuteAsync($"CREATE SCHEMA {schema}");
        return database;
    }

    public RelationName Relation(string table) => new(null, Schema, table);

    private ReverseEtlDbt.Warehouse.Profiles.SnowflakeProfileTarget SnowflakeTarget()
    {
        var host = snowflake ?? throw new InvalidOperationException("not a Snowflake test database");
        var options = host.Snowflake.Options;
        return new()
        {
            Account = options.Account, User = options.User, Database = "ANALYTICS", Schema = Schema,
            Credentials = new ReverseEtlDbt.Warehouse.Profiles.SnowflakeCredentials.ProgrammaticAccessToken(
                new ReverseEtlDbt.Definitions.Secret(options.ProgrammaticAccessToken)),
            BaseAddress = host.BaseUrl,
        };
    }

    /// <summary>Another connection to the same database (kept open until the test ends).</summary>
    public async Task<ConnectionWarehouse> OpenAsync()
    {
        DbConnection connection = Engine switch
        {
            "duckdb" => new DuckDBConnection(connectionString),
            "snowflake" => ReverseEtlDbt.Warehouse.Snowflake.Data.SnowflakeConnection.Create(SnowflakeTarget()),
            _ => new NpgsqlConnection(connectionString),
        };
        await connection.OpenAsync();
        if (Engine == "redshift")
        {
            // As RedshiftWarehouse opens a session.
            await using var set = connection.CreateCommand();
            set.CommandText = "SET datestyle TO 'ISO, MDY'";
            await set.ExecuteNonQueryAsync();
        }
        var warehouse = new ConnectionWarehouse(Engine, connection);
        opened.Add(warehouse);
        return warehouse;
    }

    public async Task ExecuteAsync(string sql)
    {
        if (snowflake is not null)
        {
            await snowflake.Snowflake.ExecuteAsync(sql, "ANALYTICS");
            return;
        }
        var warehouse = opened.FirstOrDefault() ?? await OpenAsync();
        await using var command = warehouse.Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        var warehouse = opened.FirstOrDefault() ?? await OpenAsync();
        await using var command = warehouse.Connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async ValueTask DisposeAsync()
    {
        if (Engine == "postgres" && opened.Count > 0)
            await ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE; DROP SCHEMA IF EXISTS {StateSchema} CASCADE");
        foreach (var warehouse in opened) await warehouse.DisposeAsync();
        if (snowflake is not null) await snowflake.DisposeAsync();
        if (Engine == "duckdb")
        {
            var file = connectionString["Data Source=".Length..];
            File.Delete(file);
            File.Delete(file + ".wal");
        }
    }
}
