using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReverseEtlDbt.Checks.Formatters;

/// <summary>Machine-readable check report: summary counts plus every diagnostic.</summary>
public static class JsonCheckFormatter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Render(CheckReport report) =>
        JsonSerializer.Serialize(new
        {
            passed = report.Passed,
            errors = report.Errors,
            warnings = report.Warnings,
            models = report.Models,
            syncs = report.Syncs,
            diagnostics = report.Diagnostics,
        }, Options) + "\n";
}
