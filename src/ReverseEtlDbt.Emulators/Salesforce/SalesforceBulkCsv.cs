using System.Globalization;
using CsvHelper;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// Bulk API 2.0 CSV as the emulator reads uploads and writes results, through CsvHelper: comma, LF, RFC 4180
/// quoting. Kept apart from the client's CSV code on purpose, so the emulator checks the client rather than mirrors it.
/// </summary>
internal static class SalesforceBulkCsv
{
    /// <summary>
    /// RFC 4180 with LF after every row; a value is quoted only when it holds a comma, a quote or a line break.
    /// Result rows echo uploaded rows, which may be shorter than the header, so field counts are not enforced.
    /// </summary>
    private static readonly CsvWriterOptions Writing = new() { NewLine = "\n", ValidateFieldCount = false };

    /// <summary>Every row, header included; comma-separated (never guessed), LF or CRLF, blank lines skipped, stray quotes kept as text.</summary>
    private static readonly CsvReaderOptions Reading = new() { Separator = ',', DetectSeparatorHint = false, HasHeader = false };

    public static List<List<string>> Read(string text)
    {
        using var csv = CsvReader.FromText(text, Reading);
        var lines = new List<List<string>>();
        while (csv.Read()) lines.Add([.. csv.Current.ToArray()]);
        return lines;
    }

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Writing, leaveOpen: true))
            foreach (var row in rows.Prepend(header))
                csv.WriteRecord([.. row]);
        return text.ToString();
    }
}
