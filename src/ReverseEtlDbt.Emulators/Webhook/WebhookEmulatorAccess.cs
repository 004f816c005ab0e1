using ReverseEtlDbt.Emulators.Webhook;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// <c>host.Webhook</c> and <c>options.Webhook</c>: this emulator's entries on the shared host and options, declared in its own
/// folder so that the shared files name no emulator.
/// </summary>
public static class WebhookEmulatorAccess
{
    extension(EmulatorHost host) { public WebhookEmulator Webhook => host.Get<WebhookEmulator>(); public Uri WebhookUrl => WebhookEmulator.Url(host.BaseUrl); }

    extension(EmulatorOptions options) { public WebhookEmulatorOptions Webhook { get => options.Of<WebhookEmulatorOptions>(); set => options.Use(value); } }
}
