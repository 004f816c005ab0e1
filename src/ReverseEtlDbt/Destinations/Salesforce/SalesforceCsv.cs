using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// Bulk API 2.0 CSV (comma, LF, RFC 4180 quoting), through CsvHelper. Writing: the external id column first, then
/// every field of the batch; a null is <c>#N/A</c> (Bulk's "set to null"), a field absent from a row (a skipped
/// null) is empty, which leaves the value alone. Reading: rows as header → value maps.
/// </summary>
internal static class SalesforceCsv
{
    public const string Null = "#N/A";

    /// <summary>RFC 4180 with LF after every row; a value is quoted only when it holds a comma, a quote or a line break.</summary>
    private static readonly CsvWriterOptions Writing = new() { NewLine = "\n" };

    /// <summary>Comma-separated with a header row (never guessed), LF or CRLF, blank lines skipped, stray quotes kept as text.</summary>
    private static readonly CsvReaderOptions Reading = new() { Separator = ',', DetectSeparatorHint = false };

    public static string Write(string externalIdField, IReadOnlyList<RecordChange> rows)
    {
        var fields = rows.SelectMany(r => r.Fields.Keys)
            .Where(f => !f.Equals(externalIdField, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Writing, leaveOpen: true))
        {
            csv.WriteRecord([externalIdField, .. fields]);
            foreach (var row in rows)
                csv.WriteRecord([row.MatchValue ?? "", .. fields.Select(f => row.Fields.TryGetValue(f, out var value) ? Text(value) : "")]);
        }
        return text.ToString();
    }

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string text)
    {
        using var csv = CsvReader.FromText(text, Reading);
        var header = csv.Headers;
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (csv.Read())
        {
            var record = csv.Current.ToArray();
            if (record is [{ Length: 0 }]) continue;
            rows.Add(header.Select((h, i) => (h, v: i < record.Length ? record[i] : ""))
                .ToDictionary(p => p.h, p => p.v, StringComparer.OrdinalIgnoreCase));
        }
        return rows;
    }

    private static string Text(object? value) => SalesforceFieldValue.ToJson(value) switch
    {
        null => Null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var node => node.ToJsonString(),
    };
}
