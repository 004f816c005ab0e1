using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Tests.Warehouse.Guard;
using ReverseEtlDbt.Tests.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.DuckDb;
using ReverseEtlDbt.Warehouse.Guard;
using ReverseEtlDbt.Warehouse.Postgres;
using ReverseEtlDbt.Warehouse.Profiles;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse;

public sealed class WarehouseFactoryTests : IDisposable
{
    private readonly TempDbtProject project = new();

    public void Dispose() => project.Dispose();

    [Fact]
    public async Task Duckdb_file_named_in_profiles_yml_opens_and_the_manifest_relation_name_resolves_in_it()
    {
        project.WriteProfiles(project.ProjectDir, TempDbtProject.DuckDbProfile("shop", "target/dev.duckdb"));
        Directory.CreateDirectory(Path.Combine(project.ProjectDir, "target"));
        await using (var dbt = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(project.ProjectDir, "target", "dev.duckdb")}"))
        {
            // What dbt build would have left behind.
            await dbt.OpenAsync();
            await using var command = dbt.CreateCommand();
            command.CommandText = ContractFixture.MatchingTableSql;
            await command.ExecuteNonQueryAsync();
        }

        await using var warehouse = await WarehouseFactory.OpenAsync(ProfileLoader.Load(project.Request()).Target, default);
        var model = ContractFixture.Model(new RelationName(null, "main", "x")) with { RelationName = "\"dev\".\"main\".\"customer_health\"" };
        var result = await ContractGuard.CheckAsync(warehouse, model, ContractFixture.Sync(), default);

        Assert.IsType<DuckDbWarehouse>(warehouse);
        Assert.True(result.Passed, result.ToMismatchTable("customer_health", null).Render());
    }

    [Fact]
    public async Task Duckdb_settings_from_the_profile_apply_to_every_connection()
    {
        project.WriteProfiles(project.ProjectDir, TempDbtProject.DuckDbProfile("shop", "dev.duckdb") + """

                  settings:
                    memory_limit: 300MB
                    threads: 1
            """);
        await using (var dbt = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(project.ProjectDir, "dev.duckdb")}"))
            await dbt.OpenAsync();

        await using var warehouse = await WarehouseFactory.OpenAsync(ProfileLoader.Load(project.Request()).Target, default);
        await using var command = warehouse.Connection.CreateCommand();
        command.CommandText = "select current_setting('threads')::varchar || ' ' || current_setting('memory_limit')";

        var value = (string)(await command.ExecuteScalarAsync())!;
        Assert.StartsWith("1 ", value);
        Assert.Contains("MiB", value);
    }

    [Fact]
    public async Task Missing_duckdb_file_is_a_config_error_not_an_empty_database()
    {
        var target = new DuckDbProfileTarget { Path = Path.Combine(project.ProjectDir, "nope.duckdb"), Database = "nope", Schema = "main" };

        var error = await Assert.ThrowsAsync<ConfigException>(() => WarehouseFactory.OpenAsync(target, default));

        Assert.Contains("nope.duckdb does not exist", error.Message);
        Assert.False(File.Exists(target.Path));
    }

    [Fact]
    public void Postgres_connection_string_carries_every_profile_key()
    {
        var target = new PostgresProfileTarget
        {
            Host = "db.internal", Port = 6543, User = "retl", Password = new Secret("hunter2"), DbName = "warehouse",
            Schema = "marts", SslMode = "verify-full", ConnectTimeout = 3, SearchPath = "marts",
        };

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.Build(target));

        Assert.Equal(("db.internal", 6543, "retl", "hunter2", "warehouse"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal((Npgsql.SslMode.VerifyFull, 3, "marts"), (builder.SslMode, builder.Timeout, builder.SearchPath));
        Assert.DoesNotContain("hunter2", target.ToString());
    }

    [Fact]
    public void Unknown_sslmode_is_a_config_error()
    {
        var target = new PostgresProfileTarget { Host = "h", User = "u", DbName = "d", Schema = "s", SslMode = "sometimes" };

        Assert.Contains("sslmode 'sometimes'", Assert.Throws<ConfigException>(() => PostgresConnectionString.Build(target)).Message);
    }
}
