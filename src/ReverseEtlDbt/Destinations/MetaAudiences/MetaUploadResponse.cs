using System.Globalization;
using System.Text.Json;

namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>
/// Reads a successful <c>users</c> answer (<c>num_received</c>, <c>num_invalid_entries</c>,
/// <c>invalid_entry_samples</c>) into per-row outcomes. Meta counts invalid rows without numbering them, so a row is
/// rejected when a sample names one of its values; when the samples do not account for every invalid entry, the
/// rows they leave unexplained are rejected too (re-sent next run, which is harmless for a set) rather than
/// acknowledged on a guess.
/// </summary>
internal static class MetaUploadResponse
{
    public static IReadOnlyList<RowOutcome> Read(JsonElement body, MetaUpload upload)
    {
        var invalid = Number(body, "num_invalid_entries") ?? 0;
        var received = Number(body, "num_received") ?? upload.Rows.Count;
        var samples = Samples(body);
        var outcomes = new RowOutcome?[upload.Rows.Count];
        for (var i = 0; i < upload.Rows.Count; i++)
        {
            var row = upload.Rows[i];
            var sample = row.Values.Where(v => v.Length > 0).Select(v => samples.TryGetValue(v, out var reason) ? $"{reason} ({v})" : null)
                .FirstOrDefault(r => r is not null);
            if (sample is not null) outcomes[i] = RowOutcome.Rejected(row.Change.PrimaryKey, $"Meta refused this row's identifiers: {sample}");
        }
        var explained = outcomes.Count(o => o is not null);
        var unexplained = Math.Max(0, invalid - explained) + Math.Max(0, upload.Rows.Count - received);
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"Meta counted {invalid} invalid of {received} received entries in this request without naming them all; the row is re-sent next run");
        return upload.Rows.Select((row, i) => outcomes[i]
            ?? (unexplained > 0 ? RowOutcome.Rejected(row.Change.PrimaryKey, reason) : RowOutcome.Ok(row.Change.PrimaryKey, row.MemberId)))
            .ToList();
    }

    /// <summary>
    /// Whether a success body is the documented <c>users</c> answer: an object counting <c>num_received</c>. Anything
    /// else (an HTML page, cut-off JSON) acknowledges nothing: read as one, every row would pass unverified.
    /// </summary>
    public static bool IsUploadAnswer(JsonElement body) => Number(body, "num_received") is not null;

    /// <summary>
    /// Sample value → reason. The documented name is <c>invalid_entry_samples</c>; its shape is not, so an object
    /// (value → reason), an array of values and an array of rows are all read.
    /// </summary>
    private static Dictionary<string, string> Samples(JsonElement body)
    {
        var samples = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("invalid_entry_samples", out var node)) return samples;
        if (node.ValueKind == JsonValueKind.Object)
            foreach (var entry in node.EnumerateObject()) samples[entry.Name] = entry.Value.ToString();
        else if (node.ValueKind == JsonValueKind.Array)
            foreach (var item in node.EnumerateArray())
                foreach (var value in item.ValueKind == JsonValueKind.Array ? item.EnumerateArray().ToArray() : [item])
                    if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text) samples[text] = "invalid entry";
        return samples;
    }

    private static long? Number(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n
            : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s
            : null
            : null;
}
