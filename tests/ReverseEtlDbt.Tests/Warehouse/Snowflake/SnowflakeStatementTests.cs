using ReverseEtlDbt.Warehouse;
using ReverseEtlDbt.Warehouse.Metering;
using ReverseEtlDbt.Warehouse.Snowflake.Data;
using Xunit;
using static ReverseEtlDbt.Tests.Warehouse.Snowflake.SnowflakeTestTargets;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

public sealed class SnowflakeStatementTests : IDisposable
{
    private readonly ScriptedSnowflakeHandler api = new();

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task A_query_is_one_POST_with_context_upper_cased_bindings_tag_and_headers()
    {
        api.Respond(200, SnowflakeJson.Rows("h-1", "a"));
        await using var connection = Open(api);

        await using var reader = await Command(connection, "select id, name from t where id > $1 and name = $2", 100L, "a").ExecuteReaderAsync();

        var request = Assert.Single(api.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v2/statements", request.Uri.AbsolutePath);
        Assert.True(Guid.TryParse(request.Query("requestId"), out _));
        Assert.Null(request.Query("retry"));
        Assert.Equal("Bearer " + Token, request.Headers["Authorization"]);
        Assert.Equal("PROGRAMMATIC_ACCESS_TOKEN", request.Headers["X-Snowflake-Authorization-Token-Type"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal("gzip", request.Headers["Accept-Encoding"]);
        Assert.StartsWith("retl/", request.Headers["User-Agent"]);
        var body = request.Json;
        Assert.Equal("select id, name from t where id > ? and name = ?", body.GetProperty("statement").GetString());
        Assert.Equal(("ANALYTICS", "MARTS", "TRANSFORMING", "RETL_ROLE"), (body.GetProperty("database").GetString(),
            body.GetProperty("schema").GetString(), body.GetProperty("warehouse").GetString(), body.GetProperty("role").GetString()));
        Assert.Equal(3600, body.GetProperty("timeout").GetInt32());
        Assert.Equal("""{"1":{"type":"FIXED","value":"100"},"2":{"type":"TEXT","value":"a"}}""", body.GetProperty("bindings").GetRawText());
        Assert.Equal("""{"QUERY_TAG":"retl:test","MULTI_STATEMENT_COUNT":"1"}""", body.GetProperty("parameters").GetRawText());
    }

    [Fact]
    public async Task Quoted_context_names_keep_their_case_and_the_callers_query_tag_wins()
    {
        api.Respond(200, SnowflakeJson.Rows("h-1"));
        await using var connection = Open(api, Target() with { Database = "\"Mixed Db\"" });
        connection.QueryTag = "retl:sync=orders";

        await Command(connection, "select 1").ExecuteNonQueryAsync();

        var body = api.Requests[0].Json;
        Assert.Equal("Mixed Db", body.GetProperty("database").GetString());
        Assert.Equal("retl:sync=orders", body.GetProperty("parameters").GetProperty("QUERY_TAG").GetString());
        Assert.False(body.TryGetProperty("bindings", out _));
    }

    [Fact]
    public void Each_parameter_type_binds_as_its_Snowflake_type_and_a_repeated_marker_binds_twice()
    {
        using var connection = Open(api);
        var command = Command(connection, "select $1, $2, $3, $4, $5, $6, $7, $8, $9, $1",
            "x", 42, 12.50m, 0.1d, true, new DateTime(2026, 1, 2, 3, 4, 5, 123), new DateOnly(2026, 1, 2), null, DBNull.Value);

        var statement = command.Statement();

        Assert.Equal("select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", statement.Sql);
        Assert.Equal(
            [("TEXT", "x"), ("FIXED", "42"), ("FIXED", "12.50"), ("REAL", "0.1"), ("BOOLEAN", "true"),
             ("TIMESTAMP_NTZ", "2026-01-02 03:04:05.1230000"), ("DATE", "2026-01-02"), ("TEXT", null), ("TEXT", null), ("TEXT", "x")],
            statement.Bindings.Select(b => (b.Type, b.Value)).ToArray());
    }

    [Fact]
    public void A_list_parameter_is_refused_with_what_can_be_bound()
    {
        using var connection = Open(api);

        var error = Assert.Throws<NotSupportedException>(() => Command(connection, "select $1", new List<int> { 1 }).Statement());

        Assert.Contains("List`1 cannot be sent to Snowflake", error.Message);
        Assert.Contains("Pass each element", error.Message);
    }

    [Fact]
    public async Task Reader_decodes_jsonv2_cells_by_row_type()
    {
        const string rowType = """
            {"name": "N", "type": "fixed", "precision": 38, "scale": 0}, {"name": "D", "type": "fixed", "precision": 10, "scale": 2},
            {"name": "R", "type": "real"}, {"name": "T", "type": "text"}, {"name": "B", "type": "boolean"},
            {"name": "DT", "type": "date"}, {"name": "TS", "type": "timestamp_ntz"}, {"name": "TZ", "type": "timestamp_tz"},
            {"name": "BIN", "type": "binary"}, {"name": "BIG", "type": "fixed", "precision": 38, "scale": 0}
            """;
        api.Respond(200, SnowflakeJson.ResultSet("h-1", rowType,
            """[["7", "12.50", "1.5", "hi", "true", "19724", "1704164645.123456789", "1704164645.000000000 1560", "CAFE", "99999999999999999999"], [null, null, null, null, null, null, null, null, null, null]]"""));
        await using var connection = Open(api);

        await using var reader = await Command(connection, "select *").ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(7L, reader.GetValue(0));
        Assert.Equal(12.50m, reader.GetValue(1));
        Assert.Equal(1.5d, reader.GetValue(2));
        Assert.Equal("hi", reader.GetValue(3));
        Assert.Equal(true, reader.GetValue(4));
        Assert.Equal(new DateTime(2024, 1, 2), reader.GetValue(5));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1234567), reader.GetValue(6));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)), reader.GetValue(7));
        Assert.Equal(new byte[] { 0xCA, 0xFE }, reader.GetValue(8));
        Assert.Equal(99999999999999999999m, reader.GetValue(9));
        Assert.Equal("19724", reader.GetString(5));
        Assert.Equal(("NUMBER(38,0)", "NUMBER(10,2)", "FLOAT", "TEXT", "TIMESTAMP_NTZ"),
            (reader.GetDataTypeName(0), reader.GetDataTypeName(1), reader.GetDataTypeName(2), reader.GetDataTypeName(3), reader.GetDataTypeName(6)));
        Assert.Equal([typeof(long), typeof(decimal), typeof(double), typeof(string), typeof(bool), typeof(DateTime), typeof(DateTime), typeof(DateTimeOffset), typeof(byte[])],
            Enumerable.Range(0, 9).Select(reader.GetFieldType).ToArray());
        Assert.True(await reader.ReadAsync());
        Assert.True(Enumerable.Range(0, 10).All(reader.IsDBNull));
        Assert.False(await reader.ReadAsync());
        Assert.False(await reader.NextResultAsync());
    }

    [Fact]
    public async Task Partitions_are_fetched_one_at_a_time_as_the_reader_reaches_them()
    {
        api.Respond(200, SnowflakeJson.ResultSet("h-9", SnowflakeJson.IdColumn + ", " + SnowflakeJson.NameColumn,
                """[["1", "a"], ["2", "b"]]""", partitionInfo: """{"rowCount": 2}, {"rowCount": 1}, {"rowCount": 1}"""))
            .Respond(200, SnowflakeJson.Partition("c"))
            .Respond(200, SnowflakeJson.Partition("d"));
        await using var connection = Open(api);
        await using var reader = await Command(connection, "select id, name from big").ExecuteReaderAsync();
        var names = new List<string>();

        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(1));
            Assert.Equal(names.Count switch { <= 2 => 1, 3 => 2, _ => 3 }, api.Requests.Count);
        }

        Assert.Equal(["a", "b", "c", "d"], names);
        Assert.Equal(["GET /api/v2/statements/h-9?partition=1", "GET /api/v2/statements/h-9?partition=2"],
            api.Requests.Skip(1).Select(r => r.ToString()));
    }

    [Fact]
    public void The_synchronous_ADO_calls_run_the_same_requests()
    {
        api.Respond(200, SnowflakeJson.Rows("h-1", "a")).Respond(200, SnowflakeJson.Rows("h-2", "b")).Respond(200, SnowflakeJson.Dml("h-3", 1, 0, 0));
        using var connection = Open(api);

        Assert.Equal(1L, Command(connection, "select id, name from t").ExecuteScalar());
        using (var reader = Command(connection, "select id, name from t").ExecuteReader())
            Assert.Equal(("b", 1L), (reader.Read() ? reader.GetString(1) : null, reader.GetInt64(0)));
        Assert.Equal(1, Command(connection, "insert into t values (1)").ExecuteNonQuery());
    }

    [Fact]
    public async Task DML_stats_are_the_rows_affected()
    {
        api.Respond(200, SnowflakeJson.Dml("h-2", inserted: 2, updated: 2, deleted: 1));
        await using var connection = Open(api);

        Assert.Equal(5, await Command(connection, "merge into t using s on ...").ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Every_statement_reports_its_query_id_to_the_connections_meter_failed_ones_too()
    {
        api.Respond(200, SnowflakeJson.Rows("h-1", "a"))
            .Respond(422, SnowflakeJson.Failure("h-2", "001003", "42000", "SQL compilation error: syntax error"));
        await using var connection = Open(api);
        var meter = new WarehouseMeter();
        meter.Attach(connection);

        await WarehouseCommand.ExecuteAsync(connection, null, "select $1", CancellationToken.None, 1);
        await Assert.ThrowsAsync<SnowflakeException>(() => WarehouseCommand.ExecuteAsync(connection, null, "selec", CancellationToken.None));

        Assert.Equal(["h-1", "h-2"], meter.Cost.QueryIds);
        Assert.Equal(2, meter.Cost.Statements);
    }
}
