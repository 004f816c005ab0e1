using ReverseEtlDbt.Emulators.Salesforce;

namespace ReverseEtlDbt.Emulators;

#pragma warning disable CA1708 // the analyzer takes two extension blocks' generated names for members differing by case

/// <summary>
/// <c>host.Salesforce</c> and <c>options.Salesforce</c>: this emulator's entries on the shared host and options, declared in its own
/// folder (in the root namespace, so every user of the host has them) so that the shared files name no emulator.
/// </summary>
public static class SalesforceEmulatorAccess
{
    extension(EmulatorHost host)
    {
        public SalesforceEmulator Salesforce => host.Get<SalesforceEmulator>();
    }

    extension(EmulatorOptions options)
    {
        public SalesforceEmulatorOptions Salesforce { get => options.Of<SalesforceEmulatorOptions>(); set => options.Use(value); }
    }
}
