using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.Webhook;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Emulators.Webhook;
using StandardWebhooks;
using Xunit;

namespace ReverseEtlDbt.Tests.Destinations.Webhook;

public sealed class WebhookDestinationTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(new EmulatorOptions { Time = time }, CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void Signer_reproduces_the_standard_webhooks_reference_vector()
    {
        Assert.True(WebhookSigner.TryDecodeSecret(new Secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), out var key));

        var signature = WebhookSigner.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}"""u8);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public async Task Signature_verifies_with_the_standard_webhooks_algorithm()
    {
        // The library checks against the wall clock, so this delivery is signed with it.
        var realTime = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);
        await using (realTime)
        {
            await using var destination = Destination(realTime, clock: TimeProvider.System);
            await destination.WriteAsync(Batch(WriteOperation.Upsert, 3), CancellationToken.None);

            var delivery = Assert.Single(realTime.Webhook.Deliveries);
            var headers = new HeaderDictionary(delivery.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value)));
            new StandardWebhook(WebhookEmulatorOptions.DefaultSecret).Verify(delivery.RawBody, headers);
            Assert.StartsWith("v1,", delivery.Headers["webhook-signature"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Retried_delivery_keeps_its_webhook_id_and_is_stored_once()
    {
        host.Webhook.Faults.RetryAfter = TimeSpan.FromSeconds(2);
        host.Webhook.Faults.QueueStatus(503);
        await using var destination = Destination(host);
        var batch = Batch(WriteOperation.Upsert, 2);

        var throttled = await Assert.ThrowsAsync<DestinationTransientException>(() => destination.WriteAsync(batch, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(5));
        await destination.WriteAsync(batch, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        await destination.WriteAsync(batch, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(2), throttled.RetryAfter);
        Assert.All(host.Webhook.Requests, r => Assert.Equal("msg_" + batch.BatchKey, r.WebhookId));
        Assert.Equal([503, 200, 200], host.Webhook.Requests.Select(r => r.Status));
        var delivery = Assert.Single(host.Webhook.Deliveries);
        Assert.Equal(1, host.Webhook.DuplicateCount);
        Assert.Equal(time.GetUtcNow().AddSeconds(-5).ToUnixTimeSeconds(), delivery.Timestamp);
    }

    [Fact]
    public async Task Bad_signature_is_refused_by_the_receiver()
    {
        await using var destination = Destination(host, secret: "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("another-secret-of-32-bytes-long!")));

        await Assert.ThrowsAsync<DestinationAuthException>(() => destination.WriteAsync(Batch(WriteOperation.Upsert, 1), CancellationToken.None));

        Assert.Equal(401, Assert.Single(host.Webhook.Requests).Status);
        Assert.Empty(host.Webhook.Deliveries);
    }

    [Fact]
    public async Task Delivery_carries_the_envelope_records_and_idempotency_key()
    {
        await using var destination = Destination(host, headers: new Dictionary<string, object?> { ["X-Team"] = "growth" });
        var batch = Batch(WriteOperation.Insert, 2);

        await destination.WriteAsync(batch, CancellationToken.None);

        var delivery = Assert.Single(host.Webhook.Deliveries);
        Assert.Equal("contacts.insert", delivery.Body.GetProperty("type").GetString());
        var data = delivery.Body.GetProperty("data");
        Assert.Equal("customers__hook__contacts", data.GetProperty("sync_id").GetString());
        var record = data.GetProperty("records")[1];
        Assert.Equal("2", record.GetProperty("primary_key").GetString());
        Assert.Equal(2, record.GetProperty("fields").GetProperty("score").GetInt32());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("fields").GetProperty("nickname").ValueKind);
        Assert.Equal($"\"{batch.BatchKey}\"", delivery.Headers["Idempotency-Key"]);
        Assert.Equal("growth", delivery.Headers["X-Team"]);
    }

    [Theory]
    [InlineData(429, typeof(DestinationTransientException))]
    [InlineData(502, typeof(DestinationTransientException))]
    [InlineData(0, typeof(DestinationTransientException))]
    [InlineData(410, typeof(DestinationFatalException))]
    [InlineData(403, typeof(DestinationAuthException))]
    public async Task Receiver_failures_map_to_the_engine_exceptions(int status, Type expected)
    {
        host.Webhook.Faults.RetryAfter = TimeSpan.FromSeconds(7);
        if (status == 0) host.Webhook.Faults.QueueDrops(1);
        else host.Webhook.Faults.QueueStatus(status);
        await using var destination = Destination(host);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => destination.WriteAsync(Batch(WriteOperation.Upsert, 1), CancellationToken.None));

        Assert.IsType(expected, error);
        if (status == 429) Assert.Equal(TimeSpan.FromSeconds(7), ((DestinationTransientException)error).RetryAfter);
    }

    [Fact]
    public async Task Other_client_errors_reject_every_row()
    {
        host.Webhook.Faults.QueueStatus(400);
        await using var destination = Destination(host);

        var result = await destination.WriteAsync(Batch(WriteOperation.Upsert, 2), CancellationToken.None);

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Rejected, r.Status));
        Assert.All(result.Rows, r => Assert.StartsWith("HTTP 400", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Batch_size_key_sets_the_connections_batch_size()
    {
        IDestinationFactory factory = new WebhookDestinationFactory();

        Assert.Equal(25, factory.BatchSizeFor(Connection(new Uri("http://127.0.0.1/webhook"), extra: new() { ["batch_size"] = "25" })));
        Assert.Equal(100, factory.BatchSizeFor(Connection(new Uri("http://127.0.0.1/webhook"))));
        Assert.Throws<ConfigException>(() => factory.BatchSizeFor(Connection(new Uri("http://127.0.0.1/webhook"), extra: new() { ["batch_size"] = "0" })));
    }

    private IDestination Destination(EmulatorHost target, string secret = WebhookEmulatorOptions.DefaultSecret,
        Dictionary<string, object?>? headers = null, TimeProvider? clock = null)
    {
        var extra = new Dictionary<string, object?> { ["secret"] = secret };
        if (headers is not null) extra["headers"] = headers;
        return new WebhookDestinationFactory().Create(Connection(target.WebhookUrl, extra), new DestinationContext(Http, clock ?? time));
    }

    private static ConnectionConfig Connection(Uri url, Dictionary<string, object?>? extra = null)
    {
        var values = new Dictionary<string, object?>(extra ?? []) { ["url"] = url.ToString() };
        return new ConnectionConfig("hook", "webhook", values, _ => null);
    }

    private static DestinationBatch Batch(WriteOperation operation, int rows)
    {
        var sync = new DestinationSync
        {
            Id = "customers__hook__contacts", ModelUniqueId = "model.shop.customers", ModelName = "customers",
            PrimaryKey = "customer_id", Connection = "hook", Object = "contacts", Mode = SyncMode.Upsert,
        };
        var changes = Enumerable.Range(1, rows).Select(n => new RecordChange(
            n.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new Dictionary<string, object?> { ["email"] = $"user{n}@example.com", ["score"] = n, ["nickname"] = null },
            null, $"idem-{n}")).ToList();
        return new DestinationBatch(sync, operation, changes) { BatchKey = $"{operation}-{rows}-5f2a" };
    }
}
