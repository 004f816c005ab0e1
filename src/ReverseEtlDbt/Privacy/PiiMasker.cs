using System.Globalization;
using ReverseEtlDbt.Artifacts;

namespace ReverseEtlDbt.Privacy;

/// <summary>Masks a model's PII columns in samples shown to people (plans, rejected rows, sync_results.json).</summary>
public sealed class PiiMasker(ManifestNode model)
{
    private readonly IReadOnlySet<string> pii = PiiColumns.Of(model);

    public bool IsPii(string column) => pii.Contains(column);

    public IReadOnlyDictionary<string, object?> Mask(IReadOnlyDictionary<string, object?> values) =>
        values.ToDictionary(kv => kv.Key, kv => MaskIfPii(kv.Key, kv.Value));

    /// <summary><paramref name="value"/> of <paramref name="column"/>, masked when the column is PII (a primary key may be).</summary>
    public object? MaskIfPii(string column, object? value) => IsPii(column) ? Mask(value) : value is DBNull ? null : value;

    /// <summary>Keeps the first character and the domain of an email so a person can still recognise the row.</summary>
    public static string? Mask(object? value)
    {
        if (value is null or DBNull) return null;
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? $"{text[0]}***{text[at..]}" : text.Length <= 2 ? "***" : $"{text[0]}***";
    }
}
