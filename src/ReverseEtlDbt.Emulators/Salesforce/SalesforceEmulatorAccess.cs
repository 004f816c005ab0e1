using ReverseEtlDbt.Emulators.Salesforce;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// <c>host.Salesforce</c> and <c>options.Salesforce</c>: this emulator's entries on the shared host and options, declared in its own
/// folder so that the shared files name no emulator.
/// </summary>
public static class SalesforceEmulatorAccess
{
    extension(EmulatorHost host) { public SalesforceEmulator Salesforce => host.Get<SalesforceEmulator>(); }

    extension(EmulatorOptions options) { public SalesforceEmulatorOptions Salesforce { get => options.Of<SalesforceEmulatorOptions>(); set => options.Use(value); } }
}
