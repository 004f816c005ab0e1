using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;
using static ReverseEtlDbt.Tests.Emulators.Snowflake.SnowflakeApi;

namespace ReverseEtlDbt.Tests.Emulators.Snowflake;

/// <summary>The SQL API's statement lifecycle: 200 ResultSet, 202 and polling, partitions, requestId, cancel, timeout.</summary>
public sealed class SnowflakeStatementApiTests : IAsyncLifetime
{
    private SnowflakeApi api = null!;

    public async Task InitializeAsync()
    {
        api = await SnowflakeApi.StartAsync(o => o.PartitionSize = 2);
        await api.Emulator.ExecuteAsync("""
            create table customers (id number, name varchar, score float, active boolean, signed_up date, seen_at timestamp_ntz);
            insert into customers values (1, 'Ada', 1.5, true, '2024-01-02', '2024-01-02 03:04:05.123456'),
                                         (2, null, null, false, null, null), (3, 'Cy', 2, true, '1970-01-01', '1970-01-01 00:00:00');
            """);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task A_finished_select_answers_a_jsonv2_result_set_with_every_cell_a_string()
    {
        var (response, body) = await api.PostAsync(Body("select id, name, score, active, signed_up, seen_at from customers where id = 1"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(("090001", "00000"), (body.GetProperty("code").GetString(), body.GetProperty("sqlState").GetString()));
        var handle = Handle(body);
        Assert.True(Guid.TryParse(handle, out _));
        Assert.Equal($"/api/v2/statements/{handle}", body.GetProperty("statementStatusUrl").GetString());
        Assert.Equal(api.Time.GetUtcNow().ToUnixTimeMilliseconds(), body.GetProperty("createdOn").GetInt64());
        var meta = body.GetProperty("resultSetMetaData");
        Assert.Equal(("jsonv2", 1), (meta.GetProperty("format").GetString(), meta.GetProperty("numRows").GetInt32()));
        var types = meta.GetProperty("rowType").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("type").GetString())).ToList();
        Assert.Equal([("ID", "fixed"), ("NAME", "text"), ("SCORE", "real"), ("ACTIVE", "boolean"), ("SIGNED_UP", "date"), ("SEEN_AT", "timestamp_ntz")], types);
        Assert.Equal((38, 0), (meta.GetProperty("rowType")[0].GetProperty("precision").GetInt32(), meta.GetProperty("rowType")[0].GetProperty("scale").GetInt32()));
        Assert.Equal(16777216, meta.GetProperty("rowType")[1].GetProperty("length").GetInt64());
        Assert.Equal([["1", "Ada", "1.5", "true", "19724", "1704164645.123456000"]], Data(body));
    }

    [Fact]
    public async Task Nulls_are_json_nulls_and_epoch_values_are_encoded_from_1970()
    {
        var body = await api.QueryAsync("select name, score, signed_up, seen_at from customers where id in (2, 3) order by id");

        Assert.Equal([[null, null, null, null], ["Cy", "2", "0", "0.000000000"]], Data(body));
    }

    [Fact]
    public async Task Async_submission_answers_202_and_the_first_poll_answers_the_result()
    {
        var (submitted, status) = await api.PostAsync(Body("select count(*) from customers"), async: true);
        Assert.Equal(202, (int)submitted.StatusCode);
        Assert.Equal("333334", status.GetProperty("code").GetString());
        Assert.Empty(api.Emulator.History);

        var (polled, result) = await api.GetAsync(Handle(status));

        Assert.Equal(200, (int)polled.StatusCode);
        Assert.Equal([["3"]], Data(result));
        Assert.Equal("COUNT(*)", result.GetProperty("resultSetMetaData").GetProperty("rowType")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Pending_polls_answer_202_that_many_times_before_the_result()
    {
        api.Options.PendingPolls = 2;
        var (submitted, status) = await api.PostAsync(Body("select 1 as one"));
        var first = await api.GetAsync(Handle(status));
        var second = await api.GetAsync(Handle(status));
        var third = await api.GetAsync(Handle(status));

        Assert.Equal([202, 202, 202, 200], new[] { submitted, first.Response, second.Response, third.Response }.Select(r => (int)r.StatusCode));
        Assert.Equal([["1"]], Data(third.Body));
    }

    [Fact]
    public async Task A_slow_statement_stays_pending_until_the_clock_passes_its_duration()
    {
        api.Options.StatementDuration = sql => sql.Contains("slow", StringComparison.Ordinal) ? TimeSpan.FromMinutes(2) : TimeSpan.Zero;
        var (submitted, status) = await api.PostAsync(Body("select 'slow' as s"));
        api.Time.Advance(TimeSpan.FromMinutes(1));
        var early = await api.GetAsync(Handle(status));
        api.Time.Advance(TimeSpan.FromMinutes(1));
        var done = await api.GetAsync(Handle(status));

        Assert.Equal([202, 202, 200], new[] { submitted, early.Response, done.Response }.Select(r => (int)r.StatusCode));
    }

    [Fact]
    public async Task A_statement_longer_than_the_request_timeout_is_canceled_with_408()
    {
        api.Options.StatementDuration = _ => TimeSpan.FromSeconds(30);
        var (response, body) = await api.PostAsync(Body("insert into customers (id) values (99)", timeout: 10));

        Assert.Equal(408, (int)response.StatusCode);
        Assert.Equal("000630", body.GetProperty("code").GetString());
        Assert.Empty(await api.Emulator.ExecuteAsync("select * from customers where id = 99"));
    }

    [Fact]
    public async Task A_canceled_pending_statement_answers_422_000604_and_never_runs()
    {
        var (_, status) = await api.PostAsync(Body("delete from customers"), async: true);
        var (canceled, _) = await api.CancelAsync(Handle(status));
        var (polled, body) = await api.GetAsync(Handle(status));

        Assert.Equal((200, 422), ((int)canceled.StatusCode, (int)polled.StatusCode));
        Assert.Equal(("000604", "SQL execution canceled"), (body.GetProperty("code").GetString(), body.GetProperty("message").GetString()));
        Assert.Equal([["3"]], (await api.Emulator.ExecuteAsync("select count(*) from customers")).Select(r => r.ToList()));
    }

    [Fact]
    public async Task Large_results_are_split_into_partitions_served_with_the_partition_parameter()
    {
        await api.Emulator.ExecuteAsync("insert into customers (id) values (4), (5)");
        var body = await api.QueryAsync("select id from customers order by id");

        var info = body.GetProperty("resultSetMetaData").GetProperty("partitionInfo").EnumerateArray().ToList();
        Assert.Equal([2, 2, 1], info.Select(p => p.GetProperty("rowCount").GetInt32()));
        Assert.All(info, p => Assert.True(p.GetProperty("uncompressedSize").GetInt32() > 0));
        Assert.Equal([["1"], ["2"]], Data(body));
        var (response, second) = await api.GetAsync(Handle(body), partition: 1);
        var (_, third) = await api.GetAsync(Handle(body), partition: 2);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["data"], second.EnumerateObject().Select(p => p.Name));
        Assert.Equal([["3"], ["4"]], Data(second));
        Assert.Equal([["5"]], Data(third));
    }

    [Fact]
    public async Task A_partition_is_gzipped_when_the_client_accepts_gzip()
    {
        var body = await api.QueryAsync("select id from customers order by id");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api.Host.BaseUrl, $"api/v2/statements/{Handle(body)}?partition=1"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OAuthToken);
        request.Headers.TryAddWithoutValidation("X-Snowflake-Authorization-Token-Type", "OAUTH");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await EmulatorCalls.Http.SendAsync(request);
        await using var unzipped = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal([["3"]], Data((await JsonDocument.ParseAsync(unzipped)).RootElement));
    }

    [Fact]
    public async Task A_repeated_request_id_answers_the_same_statement_without_running_it_again()
    {
        var requestId = Guid.NewGuid().ToString();
        var (_, first) = await api.PostAsync(Body("insert into customers (id) values (7)"), requestId);
        var (again, second) = await api.PostAsync(Body("insert into customers (id) values (7)"), requestId);

        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal(Handle(first), Handle(second));
        Assert.Single(api.Emulator.History);
        Assert.Equal([["1"]], (await api.Emulator.ExecuteAsync("select count(*) from customers where id = 7")).Select(r => r.ToList()));
    }

    [Fact]
    public async Task An_unknown_handle_is_404()
    {
        var (response, _) = await api.GetAsync(Guid.NewGuid().ToString());

        Assert.Equal(404, (int)response.StatusCode);
    }
}
