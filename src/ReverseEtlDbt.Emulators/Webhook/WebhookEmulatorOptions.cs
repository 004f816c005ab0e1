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

    /// <summary>
    /// When set, a delivery whose records carry an <c>email</c> field that is not an email address is refused with 400,
    /// quoting the value (as receivers validating their input do); nothing of it is stored.
    /// </summary>
    public bool ValidateEmails { get; set; }

    /// <summary>When set, every error answer echoes the request's <c>Authorization</c> header, as careless receivers do.</summary>
    public bool EchoAuthorization { get; set; }
}
