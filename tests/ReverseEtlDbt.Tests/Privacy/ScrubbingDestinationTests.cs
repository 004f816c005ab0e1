using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using Xunit;

namespace ReverseEtlDbt.Tests.Privacy;

/// <summary>What leaves a destination through <see cref="ScrubbingDestination"/>: reasons and exception messages, scrubbed.</summary>
public sealed class ScrubbingDestinationTests
{
    private const string Token = "tok-9f8e7d6c5b4a";

    private static readonly DestinationSync Sync =
        Tests.Destinations.DestinationBatches.Customers("customers__crm__contacts", "crm", "contacts", SyncMode.Upsert, new MatchSpec("email", "email")) with
        {
            Fields = [new FieldMapping("phone", "phone"), new FieldMapping("tier", "tier")],
            Hash = ["phone"],
            AllowPii = ["email"],
        };

    private static readonly DestinationBatch Batch = new(Sync, WriteOperation.Upsert,
    [
        new RecordChange("1", "ann@example.com", new Dictionary<string, object?> { ["email"] = "ann@example.com", ["phone"] = "h4sh-of-phone-1", ["tier"] = "goldtier" }, null, "i1"),
        new RecordChange("2", "bob@example.com", new Dictionary<string, object?> { ["email"] = "bob@example.com", ["phone"] = null, ["tier"] = "silvertier" }, null, "i2"),
    ]) { BatchKey = "b1" };

    [Fact]
    public async Task Reasons_lose_the_batch_pii_values_and_the_secrets_but_keep_other_values()
    {
        var inner = new Answering(_ => new BatchResult(
        [
            RowOutcome.Ok("1"),
            RowOutcome.Rejected("2", $"Email address bob@example.com is invalid; tier silvertier; sent with {Token}"),
            RowOutcome.Rejected("1", "duplicate of ANN@example.com (phone h4sh-of-phone-1)"),
        ]));
        await using var destination = new ScrubbingDestination(inner, [Token]);

        var result = await destination.WriteAsync(Batch, CancellationToken.None);

        Assert.Equal([null, "Email address b***@example.com is invalid; tier silvertier; sent with *****", "duplicate of a***@example.com (phone h***)"],
            result.Rows.Select(r => r.Reason));
    }

    [Fact]
    public async Task A_transient_exception_is_rethrown_scrubbed_with_its_retry_after_and_status()
    {
        await using var destination = new ScrubbingDestination(
            new Answering(_ => throw new DestinationTransientException($"503 echo {Token} ann@example.com", TimeSpan.FromSeconds(7), 503)), [Token]);

        var e = await Assert.ThrowsAsync<DestinationTransientException>(() => destination.WriteAsync(Batch, CancellationToken.None));

        Assert.Equal(("503 echo ***** a***@example.com", TimeSpan.FromSeconds(7), 503), (e.Message, e.RetryAfter, e.StatusCode));
    }

    [Fact]
    public async Task Fatal_and_auth_exceptions_keep_their_type_and_lose_the_secret()
    {
        await using var fatal = new ScrubbingDestination(new Answering(_ => throw new DestinationFatalException($"410 {Token}", 410)), [Token]);
        await using var auth = new ScrubbingDestination(new Answering(_ => throw new DestinationAuthException($"401 Bearer {Token}")), [Token]);

        var gone = await Assert.ThrowsAsync<DestinationFatalException>(() => fatal.WriteAsync(Batch, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<DestinationAuthException>(() => auth.WriteAsync(Batch, CancellationToken.None));

        Assert.Equal(("410 *****", 410), (gone.Message, gone.StatusCode));
        Assert.Equal("401 Bearer *****", refused.Message);
    }

    [Fact]
    public void The_connection_secrets_are_its_secret_keys_and_for_a_webhook_every_header_value()
    {
        var connection = new ConnectionConfig("hook", "webhook", new Dictionary<string, object?>
        {
            ["url"] = "https://example.com/hook",
            ["headers"] = new Dictionary<string, object?> { ["Authorization"] = "Bearer abcdefgh12345678", ["X-Team"] = "growth" },
        }, _ => null);

        var secrets = new ReverseEtlDbt.Destinations.Webhook.WebhookDestinationFactory().Secrets(connection).Select(s => s.Reveal());

        Assert.Equal(["Bearer abcdefgh12345678", "abcdefgh12345678", "growth"], secrets);
    }

    [Fact]
    public void Zendesk_secrets_include_the_basic_header_and_postgres_the_password_inside_a_dsn()
    {
        var zendesk = new ConnectionConfig("desk", "zendesk", new Dictionary<string, object?>
        {
            ["subdomain"] = "acme", ["email"] = "a@acme.example", ["api_token"] = "t0k3n-value",
        }, _ => null);
        var postgres = new ConnectionConfig("app", "postgres", new Dictionary<string, object?> { ["dsn"] = "Host=db;Username=u;Password=pa55-word" }, _ => null);

        var zendeskSecrets = new ReverseEtlDbt.Destinations.Zendesk.ZendeskDestinationFactory().Secrets(zendesk).Select(s => s.Reveal());
        var postgresSecrets = new ReverseEtlDbt.Destinations.Postgres.PostgresDestinationFactory().Secrets(postgres).Select(s => s.Reveal());

        Assert.Equal(["t0k3n-value", Convert.ToBase64String("a@acme.example/token:t0k3n-value"u8)], zendeskSecrets);
        Assert.Equal(["Host=db;Username=u;Password=pa55-word", "pa55-word"], postgresSecrets);
    }

    private sealed class Answering(Func<DestinationBatch, BatchResult> answer) : IDestination
    {
        public Task<BatchResult> WriteAsync(DestinationBatch batch, CancellationToken cancellationToken) => Task.FromResult(answer(batch));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
