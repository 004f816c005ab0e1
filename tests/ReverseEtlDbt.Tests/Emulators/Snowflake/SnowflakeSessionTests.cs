using System.Text.Json.Nodes;
using Xunit;
using static ReverseEtlDbt.Tests.Emulators.Snowflake.SnowflakeApi;

namespace ReverseEtlDbt.Tests.Emulators.Snowflake;

/// <summary>Each request is a session of its own: multi-statement requests, their transactions, temporary tables and context.</summary>
public sealed class SnowflakeSessionTests : IAsyncLifetime
{
    private SnowflakeApi api = null!;

    public async Task InitializeAsync()
    {
        api = await SnowflakeApi.StartAsync();
        await api.Emulator.ExecuteAsync("create table ledger (id int, note varchar); insert into ledger values (1, 'seed')");
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Several_statements_without_a_matching_count_are_refused_with_snowflakes_message()
    {
        var (response, body) = await api.PostAsync(Body("select 1; select 2; select 3"));

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("Actual statement count 3 did not match the desired statement count 1.", body.GetProperty("message").GetString());
        Assert.Equal(Handle(body), body.GetProperty("statementHandle").GetString());
    }

    [Fact]
    public async Task A_multi_statement_request_answers_a_summary_and_a_gettable_handle_per_statement()
    {
        var body = await api.QueryAsync("select 'a;b' as \"x;y\"; insert into ledger values (2, 'two'); select count(*) from ledger", count: "3");

        Assert.Equal([["Multiple statements executed successfully."]], Data(body));
        var handles = body.GetProperty("statementHandles").EnumerateArray().Select(h => h.GetString()!).ToList();
        Assert.Equal(3, handles.Count);
        Assert.Equal([["a;b"]], Data((await api.GetAsync(handles[0])).Body));
        Assert.Equal(1, (await api.GetAsync(handles[1])).Body.GetProperty("stats").GetProperty("numRowsInserted").GetInt32());
        Assert.Equal([["2"]], Data((await api.GetAsync(handles[2])).Body));
    }

    [Fact]
    public async Task Count_zero_accepts_any_number_of_statements()
    {
        var body = await api.QueryAsync("select 1; select 2;", count: "0");

        Assert.Equal(2, body.GetProperty("statementHandles").GetArrayLength());
    }

    [Fact]
    public async Task A_failing_statement_fails_the_request_and_rolls_back_its_transaction()
    {
        var (response, body) = await api.PostAsync(Body(
            "begin transaction; insert into ledger values (5, 'five'); insert into no_such_table values (1); commit", count: "4"));

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("002003", body.GetProperty("code").GetString());
        Assert.Equal([["1"]], Data(await api.QueryAsync("select count(*) from ledger")));
    }

    [Fact]
    public async Task A_committed_transaction_keeps_its_changes()
    {
        await api.QueryAsync("begin; insert into ledger values (5, 'five'); update ledger set note = 'x' where id = 1; commit", count: "4");

        Assert.Equal([["1", "x"], ["5", "five"]], Data(await api.QueryAsync("select id, note from ledger order by id")));
    }

    [Fact]
    public async Task A_temporary_table_lives_for_its_request_only()
    {
        var body = await api.QueryAsync("""
            create temporary table analytics.public.stage (id int);
            insert into analytics.public.stage values (7);
            insert into ledger select id, 'staged' from public.stage
            """, count: "3");
        var (later, error) = await api.PostAsync(Body("select * from stage"));

        Assert.Equal(3, body.GetProperty("statementHandles").GetArrayLength());
        Assert.Equal([["7"]], Data(await api.QueryAsync("select id from ledger where note = 'staged'")));
        Assert.Equal(422, (int)later.StatusCode);
        Assert.Equal("002003", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Use_statements_change_the_context_of_the_following_statements()
    {
        await api.Emulator.ExecuteAsync("create database other; create table elsewhere (id int); insert into elsewhere values (42)");

        var body = await api.QueryAsync("use database other; select id from elsewhere", count: "2");

        var handles = body.GetProperty("statementHandles").EnumerateArray().Select(h => h.GetString()!).ToList();
        Assert.Equal([["42"]], Data((await api.GetAsync(handles[1])).Body));
        Assert.Equal("OTHER", api.Emulator.History[^1].Database);
    }

    [Fact]
    public async Task Bindings_are_refused_in_a_multi_statement_request()
    {
        var bindings = new JsonObject { ["1"] = new JsonObject { ["type"] = "FIXED", ["value"] = "1" } };

        var (response, body) = await api.PostAsync(Body("select ?; select 2", count: "2", bindings: bindings));

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("000002", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Every_statement_is_in_the_query_history_with_its_tag_warehouse_role_and_request_id()
    {
        var requestId = Guid.NewGuid().ToString();
        var (_, body) = await api.PostAsync(Body("select 1; alter session set query_tag = 'changed'; select 2", count: "3", tag: "retl:sync",
            warehouse: "SYNC_WH", role: "SYNCER"), requestId);

        var history = api.Emulator.History;
        Assert.Equal(["select 1", "alter session set query_tag = 'changed'", "select 2"], history.Select(q => q.Sql));
        Assert.Equal(["retl:sync", "changed", "changed"], history.Select(q => q.QueryTag));
        Assert.All(history, q => Assert.Equal((requestId, "SYNC_WH", "SYNCER", "ANALYTICS", "PUBLIC"), (q.RequestId, q.Warehouse, q.Role, q.Database, q.Schema)));
        Assert.Equal(body.GetProperty("statementHandles").EnumerateArray().Select(h => h.GetString()), history.Select(q => q.StatementHandle));
    }
}
