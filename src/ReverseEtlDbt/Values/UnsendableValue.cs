using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReverseEtlDbt.Values;

/// <summary>
/// A warehouse value no destination format can carry exactly (an infinite date, a double NaN, a year past 9999): the
/// engine rejects its row with <see cref="Reason"/> instead of rounding it or failing the run. <see cref="Text"/> is
/// the value as the warehouse printed it, for rejected-row samples (written as a JSON string); <see cref="Reason"/>
/// never quotes it, so a PII value stays out of reasons.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed record UnsendableValue(string Text, string Reason)
{
    public override string ToString() => Text;

    /// <summary>Writes <see cref="UnsendableValue.Text"/> as a JSON string.</summary>
    public sealed class Converter : JsonConverter<UnsendableValue>
    {
        public override UnsendableValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? "", "read back from JSON");

        public override void Write(Utf8JsonWriter writer, UnsendableValue value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text);
    }
}
