using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks;

/// <summary>Builds diagnostics that point at a sync's entry in its YAML file.</summary>
internal static class SyncDiagnostics
{
    public static Diagnostic For(DestinationSync sync, string code, string message, string? keySuffix = null, string? hint = null) =>
        new()
        {
            Code = code, Message = message, Hint = hint, File = sync.YamlFile, Model = sync.ModelName, SyncId = sync.Id,
            KeyPath = $"config.meta.sync.destinations[{sync.Index}]" + (keySuffix is null ? "" : "." + keySuffix),
        };

    public static Diagnostic For(SyncDefinition definition, string code, string message, string keyPath, string? hint = null) =>
        new()
        {
            Code = code, Message = message, Hint = hint, File = definition.YamlFile, Model = definition.ModelName, KeyPath = keyPath,
        };
}
