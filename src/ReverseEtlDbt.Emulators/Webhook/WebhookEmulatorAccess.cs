using ReverseEtlDbt.Emulators.Webhook;

namespace ReverseEtlDbt.Emulators;

#pragma warning disable CA1708 // the analyzer takes two extension blocks' generated names for members differing by case

/// <summary>
/// <c>host.Webhook</c> and <c>options.Webhook</c>: this emulator's entries on the shared host and options, declared in its own
/// folder (in the root namespace, so every user of the host has them) so that the shared files name no emulator.
/// </summary>
public static class WebhookEmulatorAccess
{
    extension(EmulatorHost host)
    {
        public WebhookEmulator Webhook => host.Get<WebhookEmulator>();

        /// <summary>The webhook receiver's URL (<see cref="EmulatorHost.BaseUrl"/> + <c>webhook</c>).</summary>
        public Uri WebhookUrl => WebhookEmulator.Url(host.BaseUrl);
    }

    extension(EmulatorOptions options)
    {
        public WebhookEmulatorOptions Webhook { get => options.Of<WebhookEmulatorOptions>(); set => options.Use(value); }
    }
}
