namespace ReverseEtlDbt.Emulators.Webhook;

/// <summary>How the webhook receiver emulator checks deliveries. Settable while the host runs.</summary>
public sealed class WebhookEmulatorOptions
{
    /// <summary>A fixed 32-byte key for the example and tests; not a secret worth protecting.</summary>
    public const string DefaultSecret = "whsec_cmV0bC1lbXVsYXRvci13ZWJob29rLXNlY3JldC0zMmI=";

    /// <summary>The Standard Webhooks symmetric secret (<c>whsec_</c> + base64); <c>null</c> accepts unsigned deliveries.</summary>
    public string? Secret { get; set; } = DefaultSecret;

    /// <summary>How far <c>webhook-timestamp</c> may be from the host's clock (the reference library uses 5 minutes).</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);
}
