using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Privacy;

/// <summary>
/// Takes secrets and personal values out of text an API answered or echoed (a reason, an error message) before it
/// reaches a log, sync_results.json or the ledger: each secret becomes <see cref="Secret.Mask"/>, each PII value its
/// <see cref="PiiMasker.Mask"/>. Matching ignores case and also finds a value as JSON escapes it (an echoed body), and
/// a PII value as its <see cref="IdentifierHash"/> (what an ad platform was sent and may quote back).
/// </summary>
/// <remarks>
/// A value shorter than <see cref="ShortValue"/> characters is replaced only where it stands alone (not inside a
/// longer word or number), so a short value does not mangle the rest of the message.
/// </remarks>
public sealed class Scrubber
{
    public const int ShortValue = 6;
    private readonly IReadOnlyList<string> secrets;
    private readonly IReadOnlyList<(string Needle, string Mask)> replacements;

    public Scrubber(IEnumerable<string> secrets, IEnumerable<object?> piiValues)
    {
        this.secrets = secrets.Where(s => s.Length > 0).ToList();
        replacements = this.secrets
            .SelectMany(s => Forms(s).Select(form => (form, Secret.Mask)))
            .Concat(piiValues.Select(Text).OfType<string>().Where(v => v.Length > 0)
                .SelectMany(v => Forms(v).Append(IdentifierHash.Sha256(v)).Select(form => (form, PiiMasker.Mask(v)!))))
            .DistinctBy(r => r.form, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(r => r.form.Length) // a longer value first, so a shorter one inside it cannot leave the rest
            .ToList();
    }

    /// <summary>A scrubber for secrets alone (a destination's own token in its messages).</summary>
    public static Scrubber ForSecrets(params IEnumerable<Secret?> secrets) =>
        new(secrets.OfType<Secret>().Select(s => s.Reveal()), []);

    /// <summary>This scrubber's secrets plus <paramref name="piiValues"/>.</summary>
    public Scrubber With(IEnumerable<object?> piiValues) =>
        new(secrets, piiValues);

    public string Scrub(string text)
    {
        foreach (var (needle, mask) in replacements) text = Replace(text, needle, mask);
        return text;
    }

    private static string Replace(string text, string needle, string mask)
    {
        var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return text;
        var result = new System.Text.StringBuilder(text.Length);
        var from = 0;
        for (; at >= 0; at = text.IndexOf(needle, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (at < from || needle.Length < ShortValue && !StandsAlone(text, at, needle.Length)) continue;
            result.Append(text, from, at - from).Append(mask);
            from = at + needle.Length;
        }
        return result.Append(text, from, text.Length - from).ToString();
    }

    private static bool StandsAlone(string text, int at, int length) =>
        (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (at + length == text.Length || !char.IsLetterOrDigit(text[at + length]));

    /// <summary>The value as sent and as a JSON writer may escape it (<c>+</c> as <c>\u002B</c>, <c>/</c> as <c>\/</c>).</summary>
    private static IEnumerable<string> Forms(string value) =>
        new[] { value, JsonEncodedText.Encode(value).Value, JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value, value.Replace("/", "\\/", StringComparison.Ordinal) }
            .Distinct(StringComparer.Ordinal);

    private static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString() : value.ToString(),
    };
}
