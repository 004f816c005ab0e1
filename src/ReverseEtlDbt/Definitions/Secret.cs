using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReverseEtlDbt.Definitions;

/// <summary>
/// A credential. Its value is reachable only through <see cref="Reveal"/>; printing, logging or
/// serialising it yields <c>*****</c>, so a secret cannot leak through an interpolated string or an artifact.
/// </summary>
[JsonConverter(typeof(SecretJsonConverter))]
public sealed class Secret
{
    public const string Mask = "*****";
    private readonly string value;

    public Secret(string value) => this.value = value;

    /// <summary>The value, for the one place that must send it (an auth header, a connection string).</summary>
    public string Reveal() => value;

    public override string ToString() => Mask;

    private sealed class SecretJsonConverter : JsonConverter<Secret>
    {
        public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Secrets are never read from JSON.");

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Mask);
    }
}
