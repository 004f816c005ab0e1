using DuckDB.NET.Data;
using ReverseEtlDbt.Cli;
using ReverseEtlDbt.Cli.Rendering;
using Xunit;

namespace ReverseEtlDbt.Tests.Emulators.Snowflake;

/// <summary>
/// Loading a DuckDB file into the Snowflake emulator (<c>retl emulators --snowflake-load</c>, used by
/// <c>dbt_example/demo.sh --target snowflake</c>): tables land where dbt-snowflake would have built them, upper case,
/// with Snowflake's types, and the file is free again afterwards.
/// </summary>
public sealed class SnowflakeLoadTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("retl-sf-load-").FullName;

    private string File => Path.Combine(dir, "shop_db.duckdb");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private async Task WriteFileAsync()
    {
        await using var connection = new DuckDBConnection($"Data Source={File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            create table main.customer_health (customer_id integer, first_name varchar, lifetime_value double, last_order_at timestamp, active boolean);
            insert into main.customer_health values (1, 'Michael', 12.5, '2026-01-02 03:04:05', true), (2, 'O''Brien', null, null, false);
            create view main.stg_customers as select 1 as id;
            """;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Tables_of_a_duckdb_file_are_loaded_upper_case_with_snowflake_types_and_the_file_is_released()
    {
        await WriteFileAsync();
        await using var api = await SnowflakeApi.StartAsync(o => o.DuckDbFiles = [File]);

        var rows = await api.Emulator.ExecuteAsync(
            "SELECT CUSTOMER_ID, FIRST_NAME, LIFETIME_VALUE, ACTIVE FROM SHOP_DB.MAIN.CUSTOMER_HEALTH ORDER BY CUSTOMER_ID");
        Assert.Equal([["1", "Michael", "12.5", "true"], ["2", "O'Brien", null, "false"]], rows);
        var types = await api.Emulator.ExecuteAsync("""
            SELECT UPPER(COLUMN_NAME), DATA_TYPE FROM SHOP_DB.INFORMATION_SCHEMA.COLUMNS
            WHERE UPPER(TABLE_SCHEMA) = 'MAIN' AND UPPER(TABLE_NAME) = 'CUSTOMER_HEALTH' ORDER BY ORDINAL_POSITION
            """);
        Assert.Equal(["CUSTOMER_ID NUMBER", "FIRST_NAME TEXT", "LIFETIME_VALUE FLOAT", "LAST_ORDER_AT TIMESTAMP_NTZ", "ACTIVE BOOLEAN"],
            types.Select(t => $"{t[0]} {t[1]}"));
        // Views are not data: only tables are copied.
        Assert.Empty(await api.Emulator.ExecuteAsync(
            "SELECT TABLE_NAME FROM SHOP_DB.INFORMATION_SCHEMA.COLUMNS WHERE UPPER(TABLE_NAME) = 'STG_CUSTOMERS'"));

        // The file is detached: a dbt build may write it again while the emulator runs.
        await using var writer = new DuckDBConnection($"Data Source={File}");
        await writer.OpenAsync();
        await using var command = writer.CreateCommand();
        command.CommandText = "update main.customer_health set first_name = 'Mike' where customer_id = 1";
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_emulators_command_refuses_a_missing_file_or_public_key_with_a_config_error()
    {
        var missing = Path.Combine(dir, "missing.duckdb");
        var (code, stderr) = await RunAsync("emulators", "--port", "0", "--snowflake-load", missing);
        Assert.Equal(ExitCodes.ConfigError, code);
        Assert.Contains("missing.duckdb", stderr, StringComparison.Ordinal);

        (code, stderr) = await RunAsync("emulators", "--port", "0", "--snowflake-public-key", Path.Combine(dir, "nope.pem"));
        Assert.Equal(ExitCodes.ConfigError, code);
        Assert.Contains("nope.pem", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await RetlApp.RunAsync(args, new Terminal(stdout, stderr));
        return (code, stderr.ToString());
    }
}
