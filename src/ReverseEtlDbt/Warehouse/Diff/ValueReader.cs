using System.Data.Common;
using System.Globalization;
using ReverseEtlDbt.Values;

namespace ReverseEtlDbt.Warehouse.Diff;

/// <summary>
/// Reads one synced value from a diff row by its <see cref="ValueReading"/>. Never throws for a value: one the
/// destinations cannot take comes back as an <see cref="UnsendableValue"/>, which rejects its row alone.
/// </summary>
internal static class ValueReader
{
    public static object? Read(DbDataReader reader, int ordinal, ValueReading reading)
    {
        object value;
        try
        {
            if (reader.IsDBNull(ordinal)) return null;
            value = reader.GetValue(ordinal);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException or ArgumentException or InvalidOperationException)
        {
            return new UnsendableValue("(unreadable)", $"the warehouse driver could not read it ({e.GetType().Name})");
        }
        return reading switch
        {
            ValueReading.Number => Number(Text(value)),
            ValueReading.Date => Date(Text(value)),
            ValueReading.Timestamp => Timestamp(Text(value), utc: false),
            ValueReading.TimestampUtc => Timestamp(Text(value), utc: true),
            ValueReading.Text => Text(value),
            _ => Native(value),
        };
    }

    private static object Native(object value) => value switch
    {
        double d when !double.IsFinite(d) => NotFinite(d.ToString(CultureInfo.InvariantCulture)),
        float f when !float.IsFinite(f) => NotFinite(f.ToString(CultureInfo.InvariantCulture)),
        System.Numerics.BigInteger b => Number(b.ToString(CultureInfo.InvariantCulture)),
        _ => value,
    };

    private static object Number(string text) =>
        ExactNumber.TryParse(text) as object ?? new UnsendableValue(text, "not a finite number a destination can take");

    private static object Date(string text) =>
        text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : new UnsendableValue(text, "not a date between 0001-01-01 and 9999-12-31");

    private static object Timestamp(string text, bool utc) =>
        ExactTimestamp.TryParse(text, utc) as object
        ?? new UnsendableValue(text, "not a timestamp between years 0001 and 9999");

    private static UnsendableValue NotFinite(string text) => new(text, "not a finite number (JSON has no NaN or Infinity)");

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
