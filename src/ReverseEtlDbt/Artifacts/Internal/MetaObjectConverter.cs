using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReverseEtlDbt.Artifacts.Internal;

/// <summary>
/// Keeps a <c>meta</c> object as a standalone <see cref="JsonElement"/> (it owns its bytes, so it
/// outlives the read). Empty objects, nulls and non-objects become null: a manifest carries several
/// empty <c>meta</c> per node and column, and keeping them would only cost memory.
/// </summary>
internal sealed class MetaObjectConverter : JsonConverter<JsonElement?>
{
    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        var peek = reader;
        if (peek.Read() && peek.TokenType == JsonTokenType.EndObject)
        {
            reader.Read();
            return null;
        }
        return JsonElement.ParseValue(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options)
    {
        if (value is { } v) v.WriteTo(writer);
        else writer.WriteNullValue();
    }
}
