using System.Globalization;
using System.Text;
using System.Text.Json;
using ReverseEtlDbt.Values;

namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>
/// Meta's "Hashing and Normalizing Data" rules, per schema key: what a value must look like before SHA-256 so that
/// Meta can match it. A value that cannot be normalised (a month of 13, a gender of "x") is <c>null</c>: its slot
/// is sent empty rather than hashed wrongly. Pure.
/// </summary>
public static class MetaNormalizer
{
    /// <summary>The value normalised for <paramref name="key"/>, or <c>null</c> when nothing usable is left.</summary>
    /// <param name="currentYear">Upper bound for <c>DOBY</c> (Meta accepts 1900 to the current year).</param>
    public static string? Normalize(string key, object? value, int currentYear)
    {
        if (value is null or DBNull) return null;
        var normalized = key switch
        {
            "EMAIL" => Text(value).Trim().ToLowerInvariant(),
            "PHONE" => Phone(Text(value)),
            "GEN" => Gender(Text(value)),
            "DOBY" => DatePart(value, d => d.Year, 1900, currentYear, "0000"),
            "DOBM" => DatePart(value, d => d.Month, 1, 12, "00"),
            "DOBD" => DatePart(value, d => d.Day, 1, 31, "00"),
            "FN" or "LN" or "CT" => Letters(Text(value)),
            "FI" => Letters(Text(value)) is { Length: > 0 } letters ? letters[..1] : "",
            "ST" => Letters(Text(value)),
            "ZIP" => Zip(Text(value)),
            "COUNTRY" => Letters(Text(value)) is { Length: 2 } code ? code : "",
            _ => Text(value).Trim(),
        };
        return string.IsNullOrEmpty(normalized) ? null : normalized;
    }

    /// <summary>Digits only, without leading zeros (an international <c>00</c> prefix goes too); the country code must be in the value.</summary>
    private static string Phone(string value) => new string(value.Where(char.IsAsciiDigit).ToArray()).TrimStart('0');

    private static string Gender(string value) => value.Trim().ToLowerInvariant() switch
    {
        "m" or "male" => "m",
        "f" or "female" => "f",
        _ => "",
    };

    /// <summary>Lower-case letters only (any script, as UTF-8): no punctuation, digits, symbols or white space.</summary>
    private static string Letters(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormC))
            if (char.IsLetter(c)) builder.Append(char.ToLowerInvariant(c));
        return builder.ToString();
    }

    /// <summary>Lower case without white space; a US ZIP (<c>12345</c> or <c>12345-6789</c>) keeps its first 5 digits.</summary>
    private static string Zip(string value)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        return compact.Length >= 5 && compact[..5].All(char.IsAsciiDigit) && (compact.Length == 5 || compact[5] == '-')
            ? compact[..5]
            : compact;
    }

    /// <summary>A date column gives its year/month/day; a number or text is taken as that part itself.</summary>
    private static string DatePart(object value, Func<DateOnly, int> part, int min, int max, string format)
    {
        int? number = value switch
        {
            DateOnly d => part(d),
            DateTime d => part(DateOnly.FromDateTime(d)),
            DateTimeOffset d => part(DateOnly.FromDateTime(d.UtcDateTime)),
            ExactTimestamp t => part(DateOnly.ParseExact(t.Iso[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => int.TryParse(Text(value).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
        };
        return number is { } v && v >= min && v <= max ? v.ToString(format, CultureInfo.InvariantCulture) : "";
    }

    private static string Text(object value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
