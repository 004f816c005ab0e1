using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReverseEtlDbt.Emulators.Faults;
using ReverseEtlDbt.Emulators.HubSpot;
using ReverseEtlDbt.Emulators.MetaAudiences;
using ReverseEtlDbt.Emulators.Salesforce;
using ReverseEtlDbt.Emulators.Webhook;
using ReverseEtlDbt.Emulators.Zendesk;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// One Kestrel server on 127.0.0.1 serving every destination emulator, so tests and the example point a
/// connection's <c>base_url</c> (or webhook <c>url</c>) at <see cref="BaseUrl"/> and then inspect what arrived.
/// Routes: HubSpot at <c>/crm/v3/objects/{objectType}/batch/{upsert|update|create|archive|read}</c>, the webhook
/// receiver at <c>/webhook</c> (and any path below it).
/// Meta Custom Audiences at <c>/v{N}/{audience_id}/users</c> (POST adds, DELETE removes).
/// Zendesk at <c>/api/v2/users/…</c> and <c>/api/v2/job_statuses/{id}</c>.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private EmulatorHost(WebApplication app, Uri baseUrl, HubSpotEmulator hubSpot, WebhookEmulator webhook)
    {
        this.app = app;
        BaseUrl = baseUrl;
        HubSpot = hubSpot;
        Webhook = webhook;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>, with the port actually bound.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The webhook receiver's URL (<see cref="BaseUrl"/> + <c>webhook</c>).</summary>
    public Uri WebhookUrl => new(BaseUrl, "webhook");

    public HubSpotEmulator HubSpot { get; }
    public WebhookEmulator Webhook { get; }
    public MetaAudiencesEmulator MetaAudiences { get; private init; } = null!;

    public ZendeskEmulator Zendesk { get; private init; } = null!;

    /// <summary>Salesforce's token endpoint (<c>/services/oauth2/token</c>) and REST API (<c>/services/data/v{version}/…</c>), at <see cref="BaseUrl"/>.</summary>
    public SalesforceEmulator Salesforce { get; private init; } = null!;

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();

        var hubSpot = new HubSpotEmulator(options.HubSpot, new EmulatorFaults(options.Seed), options.Time);
        var webhook = new WebhookEmulator(options.Webhook, new EmulatorFaults(options.Seed), options.Time);
        app.MapHubSpot(hubSpot);
        app.MapWebhook(webhook);
        var metaAudiences = new MetaAudiencesEmulator(options.MetaAudiences, new EmulatorFaults(options.Seed), options.Time);
        app.MapMetaAudiences(metaAudiences);
        var zendesk = new ZendeskEmulator(options.Zendesk, new EmulatorFaults(options.Seed), options.Time);
        app.MapZendesk(zendesk);
        var salesforce = new SalesforceEmulator(options.Salesforce, new EmulatorFaults(options.Seed), options.Time);
        app.MapSalesforce(salesforce);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"), hubSpot, webhook) { MetaAudiences = metaAudiences, Zendesk = zendesk, Salesforce = salesforce };
    }

    /// <summary>
    /// Runs the emulators until <paramref name="cancellationToken"/> fires, for the example project and manual tries
    /// (the CLI's hidden <c>retl emulators</c> command). Prints where each API listens, the HubSpot token and the
    /// webhook secret to <paramref name="output"/>. <paramref name="port"/> 0 picks a free port; <paramref name="options"/>
    /// defaults to <see cref="EmulatorOptions"/>' defaults (token <c>emulator-token</c>, 100 requests per 10 s,
    /// secret <see cref="WebhookEmulatorOptions.DefaultSecret"/>); its <c>Port</c> is replaced by <paramref name="port"/>.
    /// </summary>
    public static async Task RunUntilCancelledAsync(int port, EmulatorOptions? options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync((options ?? new EmulatorOptions()) with { Port = port }, cancellationToken);
        await output.WriteLineAsync($"HubSpot emulator: {host.BaseUrl} (token: {host.HubSpot.Options.ValidToken})");
        await output.WriteLineAsync($"Salesforce emulator: {host.BaseUrl} (client_id: {host.Salesforce.Options.ClientId}, client_secret: {host.Salesforce.Options.ClientSecret})");
        await output.WriteLineAsync($"Webhook receiver: {host.WebhookUrl} (secret: {host.Webhook.Options.Secret ?? "none, unsigned accepted"})");
        await output.WriteLineAsync($"Meta Custom Audiences emulator: {host.BaseUrl} (access_token: {host.MetaAudiences.Options.ValidToken})");
        await output.WriteLineAsync($"Zendesk emulator: {host.BaseUrl} (email: {host.Zendesk.Options.Email}, api_token: {host.Zendesk.Options.ApiToken})");
        await output.WriteLineAsync("Press Ctrl+C to stop.");
        // The host's own console lifetime takes SIGTERM and stops Kestrel; end with it, not only with the caller's token.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
