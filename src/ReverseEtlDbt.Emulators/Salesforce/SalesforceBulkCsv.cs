using System.Text;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>Bulk API 2.0 CSV as the emulator reads uploads and writes results: comma, LF, RFC 4180 quoting.</summary>
internal static class SalesforceBulkCsv
{
    public static List<List<string>> Read(string text)
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
                lines.Add([.. line, Take(field)]);
                line = [];
            }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || line.Count > 0) lines.Add([.. line, Take(field)]);
        return lines;
    }

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var csv = new StringBuilder();
        foreach (var row in rows.Prepend(header)) csv.AppendJoin(',', row.Select(Quote)).Append('\n');
        return csv.ToString();
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Take(StringBuilder field)
    {
        var value = field.ToString();
        field.Clear();
        return value;
    }
}
