using ReverseEtlDbt.Emulators.Zendesk;

namespace ReverseEtlDbt.Emulators;

#pragma warning disable CA1708 // the analyzer takes two extension blocks' generated names for members differing by case

/// <summary>
/// <c>host.Zendesk</c> and <c>options.Zendesk</c>: this emulator's entries on the shared host and options, declared in its own
/// folder (in the root namespace, so every user of the host has them) so that the shared files name no emulator.
/// </summary>
public static class ZendeskEmulatorAccess
{
    extension(EmulatorHost host)
    {
        public ZendeskEmulator Zendesk => host.Get<ZendeskEmulator>();
    }

    extension(EmulatorOptions options)
    {
        public ZendeskEmulatorOptions Zendesk { get => options.Of<ZendeskEmulatorOptions>(); set => options.Use(value); }
    }
}
