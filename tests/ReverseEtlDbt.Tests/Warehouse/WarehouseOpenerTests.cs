using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Profiles;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse;

/// <summary>
/// <see cref="WarehouseOpener"/> reads the profile and opens DuckDB ahead of the first caller; callers see what
/// opening on demand gave them: their own working connection, or the error of the profile or the database.
/// </summary>
public sealed class WarehouseOpenerTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("retl-opener-").FullName;

    [Fact]
    public async Task Every_caller_gets_its_own_working_connection_and_the_profile_is_read_once()
    {
        var path = await CreateDatabaseAsync("warehouse.duckdb");
        var reads = 0;
        await using var opener = new WarehouseOpener(() => { Interlocked.Increment(ref reads); return Profile(path); });

        var opened = new List<IWarehouse>();
        for (var i = 0; i < 3; i++) opened.Add(await opener.OpenAsync(default));
        try
        {
            Assert.Equal(3, opened.Select(w => w.Connection).Distinct().Count());
            foreach (var warehouse in opened)
            {
                await using var command = warehouse.Connection.CreateCommand();
                command.CommandText = "select count(*) from orders";
                Assert.Equal(2L, Convert.ToInt64(await command.ExecuteScalarAsync()));
            }
            Assert.Equal(1, reads);
        }
        finally
        {
            foreach (var warehouse in opened) await warehouse.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_profile_that_cannot_be_read_fails_each_open_with_its_own_error()
    {
        await using var opener = new WarehouseOpener(() => throw new ConfigException("Could not find profile named 'shop'", "Add it."));

        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<ConfigException>(() => opener.OpenAsync(default));
            Assert.Equal("Could not find profile named 'shop'", error.Message);
        }
    }

    [Fact]
    public async Task A_missing_database_file_fails_the_first_open_as_opening_on_demand_does()
    {
        var path = Path.Combine(dir, "nope.duckdb");
        await using var opener = new WarehouseOpener(() => Profile(path));

        var error = await Assert.ThrowsAsync<ConfigException>(() => opener.OpenAsync(default));

        Assert.Contains("nope.duckdb does not exist", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_run_that_never_opens_the_warehouse_never_sees_its_errors()
    {
        var reads = 0;
        var opener = new WarehouseOpener(() => { Interlocked.Increment(ref reads); return Profile(Path.Combine(dir, "nope.duckdb")); });

        await opener.DisposeAsync();

        Assert.Equal(1, reads); // read ahead, and its failure to open kept from the run
    }

    [Fact]
    public async Task A_connection_opened_ahead_and_never_taken_is_closed_on_dispose()
    {
        var path = await CreateDatabaseAsync("warehouse.duckdb");
        var profile = Profile(path);
        var opener = new WarehouseOpener(() => profile with { Target = ((DuckDbProfileTarget)profile.Target) with { Settings = new Dictionary<string, string> { ["memory_limit"] = "123MB" } } });

        await opener.DisposeAsync();

        // The profile's memory_limit is set on the database instance, which lives as long as a connection to the file is
        // open: a connection opened after dispose must start a new instance, with DuckDB's default.
        await using var next = new DuckDB.NET.Data.DuckDBConnection($"Data Source={path}");
        await next.OpenAsync();
        await using var command = next.CreateCommand();
        command.CommandText = "select current_setting('memory_limit')";
        Assert.NotEqual("117.3 MiB", (string)(await command.ExecuteScalarAsync())!);
    }

    private static WarehouseProfile Profile(string path) => new("profiles.yml", "shop", "dev",
        new DuckDbProfileTarget { Path = path, Database = DuckDbProfileTarget.DatabaseNameFor(path), Schema = "main" });

    private async Task<string> CreateDatabaseAsync(string name)
    {
        var path = Path.Combine(dir, name);
        await using var create = new DuckDB.NET.Data.DuckDBConnection($"Data Source={path}");
        await create.OpenAsync();
        await using var command = create.CreateCommand();
        command.CommandText = "create table orders as select * from range(2) t(id)";
        await command.ExecuteNonQueryAsync();
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
