using System.Buffers;
using System.Text.Json;

namespace ReverseEtlDbt.Artifacts.Internal;

/// <summary>
/// Combines a column's <c>meta</c> with its <c>config.meta</c> (dbt 1.10+). dbt mirrors the two, but
/// Fusion sometimes writes only <c>meta</c>; a hand-written YAML may fill only <c>config.meta</c>.
/// Keys of <c>config.meta</c> win, as they do for model-level sync settings.
/// </summary>
internal static class MetaMerge
{
    public static JsonElement? Merge(JsonElement? meta, JsonElement? configMeta)
    {
        if (configMeta is not { } extra) return meta;
        if (meta is not { } baseMeta || JsonElement.DeepEquals(baseMeta, extra)) return meta ?? configMeta;

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in baseMeta.EnumerateObject())
                if (!extra.TryGetProperty(property.Name, out _)) property.WriteTo(writer);
            foreach (var property in extra.EnumerateObject()) property.WriteTo(writer);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
