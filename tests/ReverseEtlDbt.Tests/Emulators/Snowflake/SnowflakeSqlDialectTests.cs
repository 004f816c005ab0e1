using System.Text.Json.Nodes;
using Xunit;
using static ReverseEtlDbt.Tests.Emulators.Snowflake.SnowflakeApi;

namespace ReverseEtlDbt.Tests.Emulators.Snowflake;

/// <summary>Snowflake SQL as the emulator runs it on DuckDB: name folding, type names, NULL semantics, MERGE counts, bindings.</summary>
public sealed class SnowflakeSqlDialectTests : IAsyncLifetime
{
    private SnowflakeApi api = null!;

    public async Task InitializeAsync() => api = await SnowflakeApi.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Unquoted_names_fold_to_upper_case_and_quoted_names_keep_theirs()
    {
        await api.QueryAsync("create table customer_health (customer_id int, \"mixedCase\" varchar)");

        var body = await api.QueryAsync("select table_name, column_name from analytics.information_schema.columns where table_name = 'CUSTOMER_HEALTH' order by ordinal_position");
        var aliased = await api.QueryAsync("select customer_id as some_alias, \"mixedCase\" from ANALYTICS.PUBLIC.Customer_Health");

        Assert.Equal([["CUSTOMER_HEALTH", "CUSTOMER_ID"], ["CUSTOMER_HEALTH", "mixedCase"]], Data(body));
        Assert.Equal(["SOME_ALIAS", "mixedCase"], aliased.GetProperty("resultSetMetaData").GetProperty("rowType").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Information_schema_columns_reports_snowflake_type_names_and_sizes()
    {
        await api.QueryAsync("create table typed (i integer, n number(10,2), s string, f float, b boolean, d date, ts timestamp_ntz, tz timestamp_tz, v variant)");

        var body = await api.QueryAsync("""
            select table_catalog, table_schema, column_name, data_type, numeric_precision, numeric_scale, character_maximum_length, is_nullable
            from information_schema.columns where table_name = 'TYPED' order by ordinal_position
            """);

        Assert.Equal([
            ["ANALYTICS", "PUBLIC", "I", "NUMBER", "38", "0", null, "YES"],
            ["ANALYTICS", "PUBLIC", "N", "NUMBER", "10", "2", null, "YES"],
            ["ANALYTICS", "PUBLIC", "S", "TEXT", null, null, "16777216", "YES"],
            ["ANALYTICS", "PUBLIC", "F", "FLOAT", null, null, null, "YES"],
            ["ANALYTICS", "PUBLIC", "B", "BOOLEAN", null, null, null, "YES"],
            ["ANALYTICS", "PUBLIC", "D", "DATE", null, null, null, "YES"],
            ["ANALYTICS", "PUBLIC", "TS", "TIMESTAMP_NTZ", null, null, null, "YES"],
            ["ANALYTICS", "PUBLIC", "TZ", "TIMESTAMP_TZ", null, null, null, "YES"],
            ["ANALYTICS", "PUBLIC", "V", "VARIANT", null, null, null, "YES"],
        ], Data(body));
    }

    [Fact]
    public async Task Concat_concat_ws_and_pipes_are_null_when_any_argument_is_null()
    {
        var body = await api.QueryAsync("""
            select concat('a', null), concat('a', 'b', 1), concat_ws('|', 'a', null), concat_ws('|', 'a', 'b'), 'a' || null, 'a' || 'b'
            """);

        Assert.Equal([[null, "ab1", null, "a|b", null, "ab"]], Data(body));
    }

    [Fact]
    public async Task Hashes_text_casts_and_formatted_timestamps_match_snowflake()
    {
        var body = await api.QueryAsync("""
            select md5('a'), md5_hex('a'), to_varchar(42), 42::varchar,
                   to_varchar('2024-01-02 03:04:05.123456'::timestamp_ntz, 'YYYY-MM-DD"T"HH24:MI:SS.FF6'),
                   iff(1 = 1, 'y', 'n'), nvl(null, 'z'), try_to_number('x'), try_to_number('12')
            """);

        Assert.Equal([["0cc175b9c0f1b6a831c399e269772661", "0cc175b9c0f1b6a831c399e269772661", "42", "42",
            "2024-01-02T03:04:05.123456", "y", "z", null, "12"]], Data(body));
    }

    [Fact]
    public async Task Merge_reports_inserted_updated_and_deleted_counts()
    {
        await api.Emulator.ExecuteAsync("""
            create or replace transient table target (id int primary key, name varchar, gone boolean);
            insert into target values (1, 'old', false), (2, 'keep', false), (3, 'drop', true);
            """);

        var body = await api.QueryAsync("""
            merge into target t using (select 1 as id, 'new' as name, false as gone union all select 3, 'x', true union all select 4, 'four', false) s
            on t.id = s.id
            when matched and s.gone then delete
            when matched then update set name = s.name
            when not matched then insert (id, name, gone) values (s.id, s.name, s.gone)
            """);

        var stats = body.GetProperty("stats");
        Assert.Equal((1, 1, 1, 0), (stats.GetProperty("numRowsInserted").GetInt32(), stats.GetProperty("numRowsUpdated").GetInt32(),
            stats.GetProperty("numRowsDeleted").GetInt32(), stats.GetProperty("numDuplicateRowsUpdated").GetInt32()));
        Assert.Equal(["number of rows inserted", "number of rows updated", "number of rows deleted"],
            body.GetProperty("resultSetMetaData").GetProperty("rowType").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([["1", "1", "1"]], Data(body));
    }

    [Fact]
    public async Task Insert_update_and_delete_report_stats_and_a_count_row()
    {
        await api.QueryAsync("create table t (id int, name varchar)");

        var inserted = await api.QueryAsync("insert into t values (1, 'a'), (2, 'b')");
        var updated = await api.QueryAsync("update t set name = 'c'");
        var deleted = await api.QueryAsync("delete from t where id = 1");

        Assert.Equal("{\"numRowsInserted\":2,\"numRowsUpdated\":0,\"numRowsDeleted\":0,\"numDuplicateRowsUpdated\":0}", inserted.GetProperty("stats").GetRawText());
        Assert.Equal("number of rows inserted", inserted.GetProperty("resultSetMetaData").GetProperty("rowType")[0].GetProperty("name").GetString());
        Assert.Equal([["2"]], Data(inserted));
        Assert.Equal(2, updated.GetProperty("stats").GetProperty("numRowsUpdated").GetInt32());
        Assert.Equal([["1"]], Data(deleted));
    }

    [Fact]
    public async Task Primary_keys_are_not_enforced()
    {
        await api.QueryAsync("create table keyed (id int primary key, email varchar unique, constraint pk primary key (id))");

        await api.QueryAsync("insert into keyed values (1, 'a'), (1, 'a')");

        Assert.Equal([["2"]], Data(await api.QueryAsync("select count(*) from keyed")));
    }

    [Fact]
    public async Task Typed_bindings_fill_the_question_marks_and_null_binds_sql_null()
    {
        await api.QueryAsync("create table bound (n number(10,2), r float, t text, b boolean, d date, ts timestamp_ntz, missing text)");
        var bindings = new JsonObject
        {
            ["1"] = new JsonObject { ["type"] = "FIXED", ["value"] = "12.50" },
            ["2"] = new JsonObject { ["type"] = "REAL", ["value"] = "0.25" },
            ["3"] = new JsonObject { ["type"] = "TEXT", ["value"] = "it's" },
            ["4"] = new JsonObject { ["type"] = "BOOLEAN", ["value"] = "true" },
            ["5"] = new JsonObject { ["type"] = "DATE", ["value"] = "2024-01-02" },
            ["6"] = new JsonObject { ["type"] = "TIMESTAMP_NTZ", ["value"] = "2024-01-02 03:04:05.5" },
            ["7"] = new JsonObject { ["type"] = "TEXT", ["value"] = null },
        };

        var (response, _) = await api.PostAsync(Body("insert into bound values (?, ?, ?, ?, ?, ?, ?)", bindings: bindings));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([["12.50", "0.25", "it's", "true", "19724", "1704164645.500000000", null]], Data(await api.QueryAsync("select * from bound")));
    }

    [Fact]
    public async Task A_fingerprint_diff_over_a_full_outer_join_runs_as_written_for_snowflake()
    {
        await api.Emulator.ExecuteAsync("""
            create table model (id int, email varchar, seen_at timestamp_ntz);
            create table synced (id int, fingerprint varchar);
            insert into model values (1, 'a@x', '2024-01-02 03:04:05'), (2, null, null);
            insert into synced values (1, 'stale'), (3, 'gone');
            """);

        var body = await api.QueryAsync("""
            select coalesce(m.id, s.id) as id,
                   md5(concat_ws('|', coalesce(m.email, ''), coalesce(to_varchar(m.seen_at, 'YYYY-MM-DD"T"HH24:MI:SS.FF6'), ''))) as fingerprint,
                   case when m.id is null then 'delete' when s.id is null then 'insert' else 'update' end as change
            from analytics.public.model m full outer join analytics.public.synced s on m.id = s.id
            order by 1
            """);

        var rows = Data(body);
        Assert.Equal(["1", "2", "3"], rows.Select(r => r[0]));
        Assert.Equal(["update", "insert", "delete"], rows.Select(r => r[2]));
        Assert.Equal(32, rows[0][1]!.Length);
    }

    [Fact]
    public async Task Alter_session_set_query_tag_is_accepted()
    {
        var body = await api.QueryAsync("alter session set query_tag = 'retl'");

        Assert.Equal([["Statement executed successfully."]], Data(body));
    }
}
