using ReverseEtlDbt.Emulators.HubSpot;

namespace ReverseEtlDbt.Emulators;

#pragma warning disable CA1708 // the analyzer takes two extension blocks' generated names for members differing by case

/// <summary>
/// <c>host.HubSpot</c> and <c>options.HubSpot</c>: this emulator's entries on the shared host and options, declared in its own
/// folder (in the root namespace, so every user of the host has them) so that the shared files name no emulator.
/// </summary>
public static class HubSpotEmulatorAccess
{
    extension(EmulatorHost host)
    {
        public HubSpotEmulator HubSpot => host.Get<HubSpotEmulator>();
    }

    extension(EmulatorOptions options)
    {
        public HubSpotEmulatorOptions HubSpot { get => options.Of<HubSpotEmulatorOptions>(); set => options.Use(value); }
    }
}
