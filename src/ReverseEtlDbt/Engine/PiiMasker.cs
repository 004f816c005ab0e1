using ReverseEtlDbt.Artifacts;
using ReverseEtlDbt.Checks.Rules;

namespace ReverseEtlDbt.Engine;

/// <summary>Masks PII columns in samples shown to people (plans, rejected rows, sync_results.json).</summary>
public sealed class PiiMasker(ManifestNode model)
{
    private readonly HashSet<string> pii = model.Columns.Where(PiiRule.IsPii).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool IsPii(string column) => pii.Contains(column);

    public IReadOnlyDictionary<string, object?> Mask(IReadOnlyDictionary<string, object?> values) =>
        values.ToDictionary(kv => kv.Key, kv => IsPii(kv.Key) ? Mask(kv.Value) : kv.Value is DBNull ? null : kv.Value);

    /// <summary>Keeps the first character and the domain of an email so a person can still recognise the row.</summary>
    public static object? Mask(object? value)
    {
        if (value is null or DBNull) return null;
        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? $"{text[0]}***{text[at..]}" : text.Length <= 2 ? "***" : $"{text[0]}***";
    }
}
