using ReverseEtlDbt.Emulators.HubSpot;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// <c>host.HubSpot</c> and <c>options.HubSpot</c>: this emulator's entries on the shared host and options, declared in its own
/// folder so that the shared files name no emulator.
/// </summary>
public static class HubSpotEmulatorAccess
{
    extension(EmulatorHost host) { public HubSpotEmulator HubSpot => host.Get<HubSpotEmulator>(); }

    extension(EmulatorOptions options) { public HubSpotEmulatorOptions HubSpot { get => options.Of<HubSpotEmulatorOptions>(); set => options.Use(value); } }
}
