using System.Text.Json.Serialization;

namespace ReverseEtlDbt.Artifacts.Internal;

/// <summary>
/// Source-generated metadata for the artifact DTOs: no reflection at read time, and streaming
/// (resumable) deserialization so a 100 MB manifest is never held in memory as a whole.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultBufferSize = 64 * 1024,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ManifestDto))]
[JsonSerializable(typeof(RunResultsDto))]
internal sealed partial class ArtifactJsonContext : JsonSerializerContext;
