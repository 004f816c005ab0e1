using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Values;

/// <summary>
/// A number as the warehouse prints it (every digit of a <c>DECIMAL(38,s)</c>, a <c>HUGEINT</c>), for values that
/// <see cref="decimal"/> or <see cref="long"/> cannot hold. <see cref="Text"/> is always a valid JSON number, so it is
/// written raw wherever an API takes numbers (see <see cref="Converter"/>) and as text everywhere else.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed partial record ExactNumber : IFormattable
{
    private ExactNumber(string text) => Text = text;

    public string Text { get; }

    /// <summary>The number in <paramref name="text"/>, or null when it is not a plain decimal number (NaN, Infinity, anything else).</summary>
    public static ExactNumber? TryParse(string text) => JsonNumber().IsMatch(text) ? new ExactNumber(text) : null;

    public override string ToString() => Text;

    public string ToString(string? format, IFormatProvider? formatProvider) => Text;

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    /// <summary>Writes the digits as a raw JSON number; reads any JSON number back without rounding.</summary>
    public sealed class Converter : JsonConverter<ExactNumber>
    {
        public override ExactNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TryParse(reader.TokenType == JsonTokenType.String ? reader.GetString()! : System.Text.Encoding.UTF8.GetString(reader.ValueSpan))
            ?? throw new JsonException("not a number");

        public override void Write(Utf8JsonWriter writer, ExactNumber value, JsonSerializerOptions options) => writer.WriteRawValue(value.Text);
    }
}
