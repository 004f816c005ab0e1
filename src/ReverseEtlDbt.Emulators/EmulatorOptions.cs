using ReverseEtlDbt.Emulators.HubSpot;
using ReverseEtlDbt.Emulators.MetaAudiences;
using ReverseEtlDbt.Emulators.Salesforce;
using ReverseEtlDbt.Emulators.Webhook;
using ReverseEtlDbt.Emulators.Zendesk;

namespace ReverseEtlDbt.Emulators;

/// <summary>How to start an <see cref="EmulatorHost"/>: where it listens, its clock, and each API's behaviour.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 lets the system pick a free one (read it back from <see cref="EmulatorHost.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>Clock for rate-limit windows, latency, signature tolerance and timestamps; tests may pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Seed for the random fault fractions, so a failing run can be repeated; <c>null</c> is random.</summary>
    public int? Seed { get; init; }

    public HubSpotEmulatorOptions HubSpot { get; init; } = new();

    public WebhookEmulatorOptions Webhook { get; init; } = new();

    public MetaAudiencesEmulatorOptions MetaAudiences { get; init; } = new();
    public ZendeskEmulatorOptions Zendesk { get; init; } = new();
    public SalesforceEmulatorOptions Salesforce { get; init; } = new();
}
