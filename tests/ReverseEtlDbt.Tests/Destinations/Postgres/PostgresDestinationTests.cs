using Npgsql;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.Postgres;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Destinations.Postgres;

/// <summary>The PostgreSQL destination against a real server (RETL_TEST_POSTGRES).</summary>
public sealed class PostgresDestinationTests : IAsyncDisposable
{
    private readonly string schema = "dest_" + Guid.NewGuid().ToString("N")[..10];
    private string connectionString = "";

    /// <summary>Skips (or fails under CI=true) without a server; else creates this test's schema and table.</summary>
    private async Task ReadyAsync()
    {
        connectionString = TestPostgres.RequireConnectionString();
        await ExecuteAsync($"""
            create schema {schema};
            create table {schema}.scores (customer_id integer primary key, email text not null, score integer, tier text);
            """);
    }

    public async ValueTask DisposeAsync()
    {
        if (connectionString.Length > 0) await ExecuteAsync($"drop schema if exists {schema} cascade");
    }

    [SkippableFact]
    public async Task Upsert_creates_then_updates_by_the_match_column()
    {
        await ReadyAsync();
        await using var destination = Create();

        var first = await WriteAsync(destination, WriteOperation.Upsert, Row(1, "a@x.io", 10, "gold"), Row(2, "b@x.io", 20, "silver"));
        var second = await WriteAsync(destination, WriteOperation.Upsert, Row(1, "a@x.io", 11, "gold"));

        Assert.All(first.Rows.Concat(second.Rows), r => Assert.Equal(RowStatus.Ok, r.Status));
        Assert.Equal("1", first.Rows.Single(r => r.PrimaryKey == "1").DestinationId);
        Assert.Equal([(1, 11), (2, 20)], await ScoresAsync());
    }

    [SkippableFact]
    public async Task Large_batch_goes_through_binary_copy_and_replaying_it_is_harmless()
    {
        await ReadyAsync();
        await using var destination = Create();
        var rows = Enumerable.Range(1, 650).Select(i => Row(i, $"u{i}@x.io", i, "bronze")).ToArray();

        await WriteAsync(destination, WriteOperation.Upsert, rows);
        var replay = await WriteAsync(destination, WriteOperation.Upsert, rows);

        Assert.All(replay.Rows, r => Assert.Equal(RowStatus.Ok, r.Status));
        var scores = await ScoresAsync();
        Assert.Equal(650, scores.Count);
        Assert.Equal(650L * 651 / 2, scores.Sum(s => (long)s.Score));
    }

    [SkippableFact]
    public async Task Bad_rows_are_rejected_and_the_rest_of_the_batch_is_committed()
    {
        await ReadyAsync();
        await using var destination = Create();

        var result = await WriteAsync(destination, WriteOperation.Upsert,
            Row(1, "a@x.io", 10, "gold"), Row(2, null, 20, "silver"), Row(3, "c@x.io", 30, "bronze"));

        var rejected = Assert.Single(result.Rows, r => r.Status == RowStatus.Rejected);
        Assert.Equal("2", rejected.PrimaryKey);
        Assert.Contains("23502", rejected.Reason);
        Assert.Equal([(1, 10), (3, 30)], await ScoresAsync());
    }

    [SkippableFact]
    public async Task Delete_removes_rows_by_the_ids_state_stored()
    {
        await ReadyAsync();
        await using var destination = Create();
        await WriteAsync(destination, WriteOperation.Upsert, Row(1, "a@x.io", 10, "gold"), Row(2, "b@x.io", 20, "silver"));

        var result = await destination.WriteAsync(Batch(WriteOperation.Delete,
            new RecordChange("2", null, new Dictionary<string, object?>(), "2", "k2")), CancellationToken.None);

        Assert.Equal(RowStatus.Ok, Assert.Single(result.Rows).Status);
        Assert.Equal([(1, 10)], await ScoresAsync());
    }

    [SkippableFact]
    public async Task Update_rejects_rows_that_do_not_exist()
    {
        await ReadyAsync();
        await using var destination = Create();
        await WriteAsync(destination, WriteOperation.Upsert, Row(1, "a@x.io", 10, "gold"));

        var result = await WriteAsync(destination, WriteOperation.Update, Row(1, "a@x.io", 15, "gold"), Row(9, "z@x.io", 90, "gold"));

        Assert.Equal(RowStatus.Ok, result.Rows.Single(r => r.PrimaryKey == "1").Status);
        Assert.Contains("no row", result.Rows.Single(r => r.PrimaryKey == "9").Reason);
        Assert.Equal([(1, 15)], await ScoresAsync());
    }

    [SkippableFact]
    public async Task Missing_table_is_a_fatal_error_naming_it()
    {
        await ReadyAsync();
        await using var destination = Create();
        var batch = Batch(WriteOperation.Upsert, Row(1, "a@x.io", 1, "gold")) with { Sync = Sync($"{schema}.nope") };

        var error = await Assert.ThrowsAsync<DestinationFatalException>(() => destination.WriteAsync(batch, CancellationToken.None));

        Assert.Contains($"{schema}.nope", error.Message);
    }

    [SkippableFact]
    public async Task Wrong_password_is_an_auth_error_without_the_password()
    {
        await ReadyAsync();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = PostgresDestinationOptions.From(new ConnectionConfig("app", "postgres", new Dictionary<string, object?>
        {
            ["host"] = builder.Host, ["port"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["user"] = "no_such_user_retl", ["password"] = "hunter2-secret", ["dbname"] = builder.Database,
        }, _ => null));
        await using var destination = new PostgresDestination(options);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => WriteAsync(destination, WriteOperation.Upsert, Row(1, "a@x.io", 1, "gold")));

        Assert.IsType<DestinationAuthException>(error);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    private PostgresDestination Create() =>
        new(new PostgresDestinationOptions(new Secret(connectionString), 1000, "test"));

    private DestinationSync Sync(string table) => new()
    {
        Id = "scores__app__table", ModelUniqueId = "model.shop.scores", ModelName = "scores", PrimaryKey = "customer_id",
        Connection = "app", Object = table, Mode = SyncMode.Mirror, Match = new MatchSpec("customer_id", "customer_id"),
    };

    private DestinationBatch Batch(WriteOperation operation, params RecordChange[] rows) =>
        new(Sync($"{schema}.scores"), operation, rows) { BatchKey = Guid.NewGuid().ToString("N") };

    private Task<BatchResult> WriteAsync(PostgresDestination destination, WriteOperation operation, params RecordChange[] rows) =>
        destination.WriteAsync(Batch(operation, rows), CancellationToken.None);

    private static RecordChange Row(int id, string? email, int score, string tier) =>
        new(id.ToString(System.Globalization.CultureInfo.InvariantCulture), id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new Dictionary<string, object?> { ["customer_id"] = id, ["email"] = email, ["score"] = score, ["tier"] = tier }, null, $"k{id}");

    private async Task<List<(int Id, int Score)>> ScoresAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select customer_id, score from {schema}.scores order by customer_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
