using System.Text.Json;
using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Privacy;

/// <summary>
/// Which model columns hold personal data: a column with <c>meta.pii: true</c> (or <c>"true"</c>/<c>"yes"</c>) or the
/// tag <c>pii</c>. The one definition read by <c>retl check</c> (allow_pii), plans, results and the ledger (masking).
/// </summary>
public static class PiiColumns
{
    public static bool IsPii(ManifestColumn column) =>
        column.Tags.Contains("pii", StringComparer.OrdinalIgnoreCase)
        || column.Meta is { ValueKind: JsonValueKind.Object } meta && meta.TryGetProperty("pii", out var pii)
           && (pii.ValueKind == JsonValueKind.True || pii.ValueKind == JsonValueKind.String && pii.GetString() is "true" or "yes");

    /// <summary>The names of <paramref name="model"/>'s PII columns, compared case-insensitively.</summary>
    public static IReadOnlySet<string> Of(ManifestNode model) =>
        model.Columns.Where(IsPii).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
