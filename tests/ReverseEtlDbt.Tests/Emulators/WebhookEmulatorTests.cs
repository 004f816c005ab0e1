using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Emulators.Webhook;
using StandardWebhooks;
using Xunit;
using static ReverseEtlDbt.Tests.Emulators.EmulatorCalls;

namespace ReverseEtlDbt.Tests.Emulators;

/// <summary>The receiver, fed deliveries signed by the StandardWebhooks library (not by our client).</summary>
public sealed class WebhookEmulatorTests : IAsyncLifetime
{
    private const string Body = """{"type":"contacts.upsert","data":{"records":[]}}""";
    private EmulatorHost host = null!;

    public async Task InitializeAsync() => host = await EmulatorHost.StartAsync(new EmulatorOptions(), CancellationToken.None);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static Dictionary<string, string> Signed(string id, string body, DateTimeOffset? at = null, string secret = WebhookEmulatorOptions.DefaultSecret)
    {
        var timestamp = at ?? DateTimeOffset.UtcNow;
        return new Dictionary<string, string>
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["webhook-signature"] = new StandardWebhook(secret).Sign(id, timestamp, body),
        };
    }

    [Fact]
    public async Task Delivery_signed_by_the_reference_library_is_stored()
    {
        var (response, _) = await PostAsync(host.WebhookUrl, Body, headers: Signed("msg_1", Body));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("contacts.upsert", Assert.Single(host.Webhook.Deliveries).Body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Tampered_body_is_refused_with_401()
    {
        var headers = Signed("msg_1", Body);

        var (response, _) = await PostAsync(host.WebhookUrl, Body.Replace("upsert", "delete", StringComparison.Ordinal), headers: headers);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Empty(host.Webhook.Deliveries);
    }

    [Fact]
    public async Task Timestamp_outside_five_minutes_is_refused_with_401()
    {
        var (response, _) = await PostAsync(host.WebhookUrl, Body, headers: Signed("msg_1", Body, DateTimeOffset.UtcNow.AddMinutes(-6)));

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Rotated_secret_signature_among_several_is_accepted()
    {
        var headers = Signed("msg_1", Body);
        var stale = Signed("msg_1", Body, secret: "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("an-old-rotated-secret-of-32-byte")));
        headers["webhook-signature"] = stale["webhook-signature"] + " v1a,ignored " + headers["webhook-signature"];

        var (response, _) = await PostAsync(host.WebhookUrl, Body, headers: headers);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Replayed_webhook_id_is_answered_200_and_stored_once()
    {
        await PostAsync(host.WebhookUrl, Body, headers: Signed("msg_1", Body));
        var (replay, body) = await PostAsync(host.WebhookUrl, Body, headers: Signed("msg_1", Body));

        Assert.Equal(200, (int)replay.StatusCode);
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Single(host.Webhook.Deliveries);
        Assert.Equal(1, host.Webhook.DuplicateCount);
    }

    [Fact]
    public async Task Replayed_webhook_id_with_another_body_is_422()
    {
        const string other = """{"type":"contacts.delete"}""";
        await PostAsync(host.WebhookUrl, Body, headers: Signed("msg_1", Body));

        var (replay, _) = await PostAsync(host.WebhookUrl, other, headers: Signed("msg_1", other));

        Assert.Equal(422, (int)replay.StatusCode);
    }

    [Fact]
    public async Task Injected_throttling_carries_retry_after()
    {
        host.Webhook.Faults.RetryAfter = TimeSpan.FromSeconds(30);
        host.Webhook.Faults.QueueThrottling(1);

        var (response, _) = await PostAsync(host.WebhookUrl, Body, headers: Signed("msg_1", Body));

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Empty(host.Webhook.Deliveries);
    }

    [Fact]
    public async Task Server_error_fraction_of_one_fails_every_delivery()
    {
        host.Webhook.Faults.ServerErrorFraction = 1;

        var (response, _) = await PostAsync(host.WebhookUrl, Body, headers: Signed("msg_1", Body));

        Assert.True((int)response.StatusCode >= 500);
    }

    [Fact]
    public void Library_verifier_accepts_the_receivers_headers_shape()
    {
        var headers = Signed("msg_1", Body);
        new StandardWebhook(WebhookEmulatorOptions.DefaultSecret).Verify(Body,
            new HeaderDictionary(headers.ToDictionary(h => h.Key, h => new StringValues(h.Value))));
    }
}
