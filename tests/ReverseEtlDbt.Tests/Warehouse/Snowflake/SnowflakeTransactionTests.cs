using ReverseEtlDbt.Warehouse.Snowflake.Data;
using Xunit;
using static ReverseEtlDbt.Tests.Warehouse.Snowflake.SnowflakeTestTargets;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

public sealed class SnowflakeTransactionTests : IDisposable
{
    private readonly ScriptedSnowflakeHandler api = new();

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task Commit_sends_the_buffered_statements_as_one_multi_statement_request_with_literals()
    {
        api.Respond(200, """{"statementHandle": "h-multi", "statementHandles": ["h-a", "h-b", "h-c", "h-d"], "data": [["Multiple statements executed successfully."]]}""");
        await using var connection = Open(api);
        await using var transaction = await connection.BeginTransactionAsync();

        var inserted = await Command(connection, "insert into runs values ($1, $2, $3, $4, $5, $1)",
            @"it's C:\temp", new DateTime(2026, 1, 2, 3, 4, 5), null, -12.5m, true).ExecuteNonQueryAsync();
        await Command(connection, "create table if not exists locks (k text)").ExecuteNonQueryAsync();

        Assert.Equal(-1, inserted);
        Assert.Empty(api.Requests);
        await transaction.CommitAsync();

        var request = Assert.Single(api.Requests);
        Assert.Equal(
            "create table if not exists locks (k text);\nBEGIN TRANSACTION;\n" +
            @"insert into runs values ('it''s C:\\temp', '2026-01-02 03:04:05.0000000'::TIMESTAMP_NTZ, NULL, (-12.5), TRUE, 'it''s C:\\temp');" +
            "\nCOMMIT;",
            request.Json.GetProperty("statement").GetString());
        Assert.Equal("4", request.Json.GetProperty("parameters").GetProperty("MULTI_STATEMENT_COUNT").GetString());
        Assert.False(request.Json.TryGetProperty("bindings", out _));
    }

    [Fact]
    public async Task A_trailing_line_comment_does_not_swallow_the_statements_semicolon()
    {
        api.Respond(200, """{"statementHandle": "h-m", "data": []}""");
        await using var connection = Open(api);
        await using var transaction = await connection.BeginTransactionAsync();

        await Command(connection, "delete from locks -- expired leases").ExecuteNonQueryAsync();
        await transaction.CommitAsync();

        Assert.Equal("BEGIN TRANSACTION;\ndelete from locks -- expired leases\n;\nCOMMIT;", api.Requests[0].Json.GetProperty("statement").GetString());
    }

    [Fact]
    public async Task Rollback_and_an_empty_commit_send_nothing()
    {
        await using var connection = Open(api);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Command(connection, "delete from locks where k = $1", "a").ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }
        await using (var transaction = await connection.BeginTransactionAsync())
            await transaction.CommitAsync();

        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task A_reader_inside_a_transaction_runs_at_once()
    {
        api.Respond(200, SnowflakeJson.Rows("h-1", "a"));
        await using var connection = Open(api);
        await using var transaction = await connection.BeginTransactionAsync();
        await Command(connection, "update locks set k = $1", "b").ExecuteNonQueryAsync();

        await using var reader = await Command(connection, "select id, name from locks").ExecuteReaderAsync();

        Assert.Equal("select id, name from locks", Assert.Single(api.Requests).Json.GetProperty("statement").GetString());
        Assert.Equal(1, ((SnowflakeTransaction)transaction).BufferedCount);
    }

    [Fact]
    public async Task A_committed_transaction_ends_and_later_commands_run_at_once()
    {
        api.Respond(200, """{"statementHandle": "h-m", "data": []}""").Respond(200, SnowflakeJson.Dml("h-2", 1, 0, 0));
        await using var connection = Open(api);
        var transaction = await connection.BeginTransactionAsync();
        await Command(connection, "insert into a values (1)").ExecuteNonQueryAsync();
        await transaction.CommitAsync();

        Assert.Equal(1, await Command(connection, "insert into a values (2)").ExecuteNonQueryAsync());
        Assert.Throws<InvalidOperationException>(transaction.Commit);
    }
}
