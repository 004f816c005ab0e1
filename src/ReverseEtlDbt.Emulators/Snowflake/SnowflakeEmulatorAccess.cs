using ReverseEtlDbt.Emulators.Snowflake;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// <c>host.Snowflake</c> and <c>options.Snowflake</c>: this emulator's entries on the shared host and options, declared in its
/// own folder so that the shared files name no emulator.
/// </summary>
public static class SnowflakeEmulatorAccess
{
    extension(EmulatorHost host) { public SnowflakeEmulator Snowflake => host.Get<SnowflakeEmulator>(); }

    extension(EmulatorOptions options) { public SnowflakeEmulatorOptions Snowflake { get => options.Of<SnowflakeEmulatorOptions>(); set => options.Use(value); } }
}
