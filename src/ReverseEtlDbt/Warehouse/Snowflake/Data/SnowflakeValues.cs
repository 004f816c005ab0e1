using System.Globalization;
using ReverseEtlDbt.Warehouse.Snowflake.Api;

namespace ReverseEtlDbt.Warehouse.Snowflake.Data;

/// <summary>
/// The two ways a .NET value goes to Snowflake: as a typed binding (one statement) or as a SQL literal (statements
/// buffered by a transaction, sent as one multi-statement request, where Snowflake's SQL API docs do not say that
/// bindings span statements). Both accept the same closed set of types and refuse the rest by name.
/// </summary>
internal static class SnowflakeValues
{
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.fffffff";

    public static SnowflakeBinding Binding(object? value) =>
        value switch
        {
            null or DBNull => new("TEXT", null),
            string s => new("TEXT", s),
            char c => new("TEXT", c.ToString()),
            long or int or short or byte or sbyte or ushort or uint or ulong or decimal => new("FIXED", Invariant(value)),
            double d => new("REAL", d.ToString("R", CultureInfo.InvariantCulture)),
            float f => new("REAL", f.ToString("R", CultureInfo.InvariantCulture)),
            bool b => new("BOOLEAN", b ? "true" : "false"),
            DateTime t => new("TIMESTAMP_NTZ", t.ToString(TimestampFormat, CultureInfo.InvariantCulture)),
            DateOnly d => new("DATE", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            byte[] bytes => new("BINARY", Convert.ToHexString(bytes)),
            _ => throw Unsupported(value),
        };

    /// <summary>
    /// A literal for <paramref name="value"/>. Strings double <c>'</c> and <c>\</c>, since Snowflake reads a backslash
    /// in a literal as an escape; timestamps and dates are cast so the literal's type matches the binding's.
    /// </summary>
    public static string Literal(object? value) =>
        value switch
        {
            null or DBNull => "NULL",
            string s => Quote(s),
            char c => Quote(c.ToString()),
            long or int or short or byte or sbyte or ushort or uint or ulong or decimal => Signed(Invariant(value)),
            double d => Real(d),
            float f => Real(f),
            bool b => b ? "TRUE" : "FALSE",
            DateTime t => $"'{t.ToString(TimestampFormat, CultureInfo.InvariantCulture)}'::TIMESTAMP_NTZ",
            DateOnly d => $"'{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'::DATE",
            byte[] bytes => $"TO_BINARY('{Convert.ToHexString(bytes)}', 'HEX')",
            _ => throw Unsupported(value),
        };

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Real(double d) =>
        double.IsFinite(d) ? Signed(d.ToString("R", CultureInfo.InvariantCulture) + "::FLOAT")
        : $"'{(double.IsNaN(d) ? "NaN" : d > 0 ? "inf" : "-inf")}'::FLOAT";

    /// <summary>A negative number in parentheses, so <c>a-$1</c> never becomes the comment <c>a--1</c>.</summary>
    private static string Signed(string number) => number.StartsWith('-') ? $"({number})" : number;

    private static string Invariant(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    private static NotSupportedException Unsupported(object value) =>
        new($"A parameter of type {value.GetType().Name} cannot be sent to Snowflake: retl binds strings, whole numbers, " +
            "decimals, doubles, booleans, DateTime, DateOnly, byte[] and null. Pass each element of a list as its own parameter.");
}
