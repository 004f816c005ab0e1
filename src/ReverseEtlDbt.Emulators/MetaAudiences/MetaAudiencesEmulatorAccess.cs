using ReverseEtlDbt.Emulators.MetaAudiences;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// <c>host.MetaAudiences</c> and <c>options.MetaAudiences</c>: this emulator's entries on the shared host and options, declared in its own
/// folder so that the shared files name no emulator.
/// </summary>
public static class MetaAudiencesEmulatorAccess
{
    extension(EmulatorHost host) { public MetaAudiencesEmulator MetaAudiences => host.Get<MetaAudiencesEmulator>(); }

    extension(EmulatorOptions options) { public MetaAudiencesEmulatorOptions MetaAudiences { get => options.Of<MetaAudiencesEmulatorOptions>(); set => options.Use(value); } }
}
