using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Data;
using Xunit;
using static ReverseEtlDbt.Tests.Warehouse.Snowflake.SnowflakeTestTargets;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

public sealed class SnowflakeResilienceTests : IDisposable
{
    private readonly ScriptedSnowflakeHandler api = new();

    public void Dispose() => api.Dispose();

    [Fact]
    public async Task A_202_is_polled_at_the_status_url_until_the_result_is_ready()
    {
        api.Respond(202, SnowflakeJson.Running("h-5"))
            .Respond(202, SnowflakeJson.Running("h-5"))
            .Respond(200, SnowflakeJson.Rows("h-5", "a"));
        await using var connection = Open(api);

        await using var reader = await Command(connection, "select slow()").ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal("a", reader.GetString(1));
        Assert.Equal(["GET /api/v2/statements/h-5", "GET /api/v2/statements/h-5"], api.Requests.Skip(1).Select(r => r.ToString()));
    }

    [Fact]
    public async Task Throttling_and_unavailability_are_retried_with_the_same_requestId_and_retry_true()
    {
        api.Respond(429).Respond(503).Respond(200, SnowflakeJson.Rows("h-1", "a"));
        await using var connection = Open(api);

        await Command(connection, "select 1").ExecuteNonQueryAsync();

        Assert.Equal(3, api.Requests.Count);
        Assert.Single(api.Requests.Select(r => r.Query("requestId")).Distinct());
        Assert.Equal([null, "true", "true"], api.Requests.Select(r => r.Query("retry")));
        Assert.All(api.Requests, r => Assert.Equal(api.Requests[0].Body, r.Body));
    }

    [Fact]
    public async Task Retries_give_up_with_a_clear_error_after_the_limit()
    {
        for (var i = 0; i < 4; i++) api.Respond(503);
        await using var connection = Open(api);

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => Command(connection, "select 1").ExecuteNonQueryAsync());

        Assert.Equal(4, api.Requests.Count);
        Assert.Contains("still failed after 3 retries: HTTP 503", error.Message);
        Assert.Contains("profile 'shop', target 'prod'", error.Message);
    }

    [Fact]
    public async Task A_401_renews_the_token_once_and_resends()
    {
        api.Respond(401).Respond(200, SnowflakeJson.Rows("h-1", "a"));
        await using var connection = Open(api);

        await Command(connection, "select 1").ExecuteNonQueryAsync();

        Assert.Equal(2, api.Requests.Count);
        Assert.Equal(api.Requests[0].Query("requestId"), api.Requests[1].Query("requestId"));
    }

    [Fact]
    public async Task A_second_401_names_the_user_the_target_and_what_to_check_but_never_the_token()
    {
        api.Respond(401).Respond(401);
        await using var connection = Open(api);

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => Command(connection, "select 1").ExecuteNonQueryAsync());

        Assert.Contains("Snowflake refused the programmatic access token for user 'retl' (profile 'shop', target 'prod'", error.Message);
        Assert.Contains("network policy", error.Message);
        Assert.DoesNotContain(Token, error.Message);
    }

    [Fact]
    public async Task Cancelling_while_polling_asks_Snowflake_to_cancel_the_statement()
    {
        using var cancellation = new CancellationTokenSource();
        api.Respond(202, SnowflakeJson.Running("h-7"))
            .Respond(_ =>
            {
                cancellation.Cancel();
                return ScriptedSnowflakeHandler.Response(202, SnowflakeJson.Running("h-7"));
            })
            .Respond(200, """{"code": "000604", "message": "Statement canceled."}""");
        await using var connection = Open(api);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Command(connection, "select slow()").ExecuteNonQueryAsync(cancellation.Token));

        Assert.Equal("POST /api/v2/statements/h-7/cancel", api.Requests[^1].ToString());
    }

    [Fact]
    public async Task Cancelling_during_the_first_post_finds_the_statement_by_its_requestId_and_cancels_it()
    {
        using var cancellation = new CancellationTokenSource();
        api.Respond(_ =>
            {
                cancellation.Cancel(); // Ctrl-C while Snowflake holds the first POST: no handle known yet
                throw new OperationCanceledException(cancellation.Token);
            })
            .Respond(202, SnowflakeJson.Running("h-9"))
            .Respond(200, """{"code": "000604", "message": "Statement canceled."}""");
        await using var connection = Open(api);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Command(connection, "insert into t select slow()").ExecuteNonQueryAsync(cancellation.Token));

        Assert.Equal(3, api.Requests.Count);
        var (first, resubmitted) = (api.Requests[0], api.Requests[1]);
        Assert.Equal((first.Query("requestId"), "true", "true"), (resubmitted.Query("requestId"), resubmitted.Query("retry"), resubmitted.Query("async")));
        Assert.Equal(first.Body, resubmitted.Body);
        Assert.Equal("POST /api/v2/statements/h-9/cancel", api.Requests[2].ToString());
    }

    [Fact]
    public async Task A_408_says_the_statement_exceeded_its_timeout()
    {
        api.Respond(408, SnowflakeJson.Running("h-8"));
        await using var connection = Open(api);
        var command = Command(connection, "select slow()");
        command.CommandTimeout = 60;

        var error = await Assert.ThrowsAsync<SnowflakeException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(60, api.Requests[0].Json.GetProperty("timeout").GetInt32());
        Assert.Contains("exceeded its timeout of 60 seconds", error.Message);
        Assert.Equal("h-8", error.StatementHandle);
    }
}
