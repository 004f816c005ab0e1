using System.Text.Json.Serialization;

namespace ReverseEtlDbt.Artifacts.Internal;

// Wire shapes of run_results.json (v4..v6): timing, adapter_response, compiled_code and the
// ever-growing args are skipped; only args.which is kept.

internal sealed class RunResultsDto
{
    public ManifestMetadataDto? Metadata { get; set; }
    public RunArgsDto? Args { get; set; }
    public List<RunResultDto?>? Results { get; set; }
}

internal sealed class RunArgsDto
{
    [JsonConverter(typeof(LenientStringConverter))] public string? Which { get; set; }
}

internal sealed class RunResultDto
{
    public string? UniqueId { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Status { get; set; }
    public double? ExecutionTime { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? Message { get; set; }
    public long? Failures { get; set; }
    [JsonConverter(typeof(LenientStringConverter))] public string? RelationName { get; set; }
}
