using System.Text;
using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// Bulk API 2.0 CSV (comma, LF, RFC 4180 quoting). Writing: the external id column first, then every field of the
/// batch; a null is <c>#N/A</c> (Bulk's "set to null"), a field absent from a row (a skipped null) is empty, which
/// leaves the value alone. Reading: rows as header → value maps.
/// </summary>
internal static class SalesforceCsv
{
    public const string Null = "#N/A";

    public static string Write(string externalIdField, IReadOnlyList<RecordChange> rows)
    {
        var fields = rows.SelectMany(r => r.Fields.Keys)
            .Where(f => !f.Equals(externalIdField, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var csv = new StringBuilder();
        AppendLine(csv, [externalIdField, .. fields]);
        foreach (var row in rows)
            AppendLine(csv, [row.MatchValue ?? "", .. fields.Select(f => row.Fields.TryGetValue(f, out var value) ? Text(value) : "")]);
        return csv.ToString();
    }

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string text)
    {
        var lines = Parse(text);
        if (lines.Count == 0) return [];
        var header = lines[0];
        return lines.Skip(1).Where(l => l.Count > 1 || l[0].Length > 0)
            .Select(l => (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, v: i < l.Count ? l[i] : ""))
                .ToDictionary(p => p.h, p => p.v, StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    private static string Text(object? value) => SalesforceFieldValue.ToJson(value) switch
    {
        null => Null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var node => node.ToJsonString(),
    };

    private static void AppendLine(StringBuilder csv, IEnumerable<string> values)
    {
        csv.AppendJoin(',', values.Select(Quote)).Append('\n');
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static List<List<string>> Parse(string text)
    {
        var lines = new List<List<string>>();
        var line = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') line.Add(Take(field));
            else if (c == '\n')
            {
                line.Add(Take(field));
                lines.Add(line);
                line = [];
            }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || line.Count > 0)
        {
            line.Add(Take(field));
            lines.Add(line);
        }
        return lines;
    }

    private static string Take(StringBuilder field)
    {
        var value = field.ToString();
        field.Clear();
        return value;
    }
}
