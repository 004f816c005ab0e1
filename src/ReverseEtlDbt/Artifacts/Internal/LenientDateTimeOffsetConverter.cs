using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReverseEtlDbt.Artifacts.Internal;

/// <summary>
/// Reads an ISO 8601 timestamp with System.Text.Json's own parser (which takes dbt-core's six and
/// Fusion's nine fractional digits, <c>Z</c> or <c>+00:00</c>); anything unreadable becomes null
/// rather than failing the whole artifact over a timestamp.
/// </summary>
internal sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return reader.TryGetDateTimeOffset(out var value) ? value : null;
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(v);
        else writer.WriteNullValue();
    }
}
