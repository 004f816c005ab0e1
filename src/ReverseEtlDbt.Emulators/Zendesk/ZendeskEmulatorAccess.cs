using ReverseEtlDbt.Emulators.Zendesk;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// <c>host.Zendesk</c> and <c>options.Zendesk</c>: this emulator's entries on the shared host and options, declared in its own
/// folder so that the shared files name no emulator.
/// </summary>
public static class ZendeskEmulatorAccess
{
    extension(EmulatorHost host) { public ZendeskEmulator Zendesk => host.Get<ZendeskEmulator>(); }

    extension(EmulatorOptions options) { public ZendeskEmulatorOptions Zendesk { get => options.Of<ZendeskEmulatorOptions>(); set => options.Use(value); } }
}
