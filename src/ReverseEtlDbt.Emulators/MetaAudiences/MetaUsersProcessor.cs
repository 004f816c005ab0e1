using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Emulators.MetaAudiences;

/// <summary>
/// A <c>users</c> add or remove, after auth and throttling: validates <c>payload</c> (schema keys, row shape, 64-hex
/// SHA-256 values for hashed keys) and <c>session</c>, counts invalid rows without failing the call, applies the
/// valid rows to the audience and answers with the session summary.
/// </summary>
internal sealed partial class MetaUsersProcessor(MetaAudienceStore store, MetaAudiencesEmulatorOptions options)
{
    private static readonly HashSet<string> SchemaKeys = new(StringComparer.Ordinal)
    {
        "EXTERN_ID", "EMAIL", "PHONE", "GEN", "DOBY", "DOBM", "DOBD", "LN", "FN", "FI", "CT", "ST", "ZIP", "MADID", "COUNTRY",
    };

    public MetaAnswer Process(string audience, bool add, string? payloadText, string? sessionText)
    {
        if (options.Audiences.Count > 0 && !options.Audiences.Contains(audience))
            return MetaAnswer.Refused(400, MetaGraphJson.Error(100,
                $"Unsupported {(add ? "post" : "delete")} request. Object with ID '{audience}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", 33));
        if (options.BlockedAudiences.Contains(audience))
            return MetaAnswer.Refused(400, MetaGraphJson.Error(100, "(#100) Audience Upload Blocked", 1713230, userTitle: "Audience Upload Blocked",
                userMessage: "Uploads to this audience are blocked because it may not follow the Custom Audience terms."));
        var session = Session(sessionText, add);
        if (session.Error is { } sessionError) return MetaAnswer.Refused(400, MetaGraphJson.InvalidParameter(sessionError));
        if (Payload(payloadText) is not ({ } schema, { } data)) return MetaAnswer.Refused(400, MetaGraphJson.InvalidParameter(PayloadError(payloadText)));
        if (schema.FirstOrDefault(k => !SchemaKeys.Contains(k)) is { } unknown)
            return MetaAnswer.Refused(400, MetaGraphJson.InvalidParameter($"Invalid schema key '{unknown}' in payload"));
        if (data.Count > options.MaxRowsPerRequest)
            return MetaAnswer.Refused(400, MetaGraphJson.InvalidParameter(
                $"Too many entries: {data.Count} users in one request, the limit is {options.MaxRowsPerRequest}. Split them into batches sharing a session"), data.Count);

        var samples = new JsonObject();
        var invalid = 0;
        lock (store.Gate)
        {
            foreach (var row in data)
            {
                if ((Validate(schema, row) ?? Refused(schema, row)) is { } problem)
                {
                    invalid++;
                    if (samples.Count < options.InvalidSampleLimit && !samples.ContainsKey(problem.Sample)) samples[problem.Sample] = problem.Reason;
                    continue;
                }
                var member = new MetaAudienceMember(schema.Select((k, i) => (k, v: row[i].GetString()!)).Where(p => p.v.Length > 0)
                    .ToDictionary(p => p.k, p => p.v, StringComparer.Ordinal));
                if (add) store.Add(audience, member);
                else store.Remove(audience, member);
            }
            var sessionId = session.Id ?? Random.Shared.NextInt64(1, long.MaxValue);
            store.Track(sessionId, session.BatchSeq, session.Last, data.Count, invalid);
            return new MetaAnswer(200, new JsonObject
            {
                ["audience_id"] = audience,
                ["session_id"] = sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["num_received"] = data.Count,
                ["num_invalid_entries"] = invalid,
                ["invalid_entry_samples"] = samples,
            }, data.Count, 0);
        }
    }

    private static (string Sample, string Reason)? Validate(IReadOnlyList<string> schema, JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != schema.Count
            || row.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            return (row.GetRawText(), $"Row does not have {schema.Count} string value(s) matching the schema");
        var values = row.EnumerateArray().Select(v => v.GetString()!).ToList();
        if (values.All(v => v.Length == 0)) return (row.GetRawText(), "Row has no identifier");
        for (var i = 0; i < schema.Count; i++)
            if (values[i].Length > 0 && schema[i] is not ("MADID" or "EXTERN_ID") && !Sha256Hex().IsMatch(values[i]))
                return (values[i], $"Invalid {schema[i]}: the value is not normalised and SHA-256 hashed (64 lowercase hex characters)");
        return null;
    }

    private (string Sample, string Reason)? Refused(IReadOnlyList<string> schema, JsonElement row) =>
        row.EnumerateArray().Select((v, i) => (Value: v.GetString()!, Key: schema[i])).FirstOrDefault(p => options.InvalidValues.Contains(p.Value)) is { Value: not null } hit
            ? (hit.Value, $"Invalid {hit.Key}: the entry cannot be used for matching")
            : null;

    private static (IReadOnlyList<string>?, IReadOnlyList<JsonElement>?) Payload(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || !root.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Array) return (null, null);
            IReadOnlyList<string>? keys = schema.ValueKind switch
            {
                JsonValueKind.String => [schema.GetString()!],
                JsonValueKind.Array when schema.EnumerateArray().All(k => k.ValueKind == JsonValueKind.String) =>
                    schema.EnumerateArray().Select(k => k.GetString()!).ToList(),
                _ => null,
            };
            // A single-key schema may send bare values instead of one-element rows.
            var rows = data.EnumerateArray().Select(r => keys is [_] && r.ValueKind == JsonValueKind.String ? Wrap(r) : r).ToList();
            return keys is null ? (null, null) : (keys, rows);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string PayloadError(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "The parameter payload is required" : "Invalid parameter payload: expected {\"schema\": [...], \"data\": [[...]]}";

    private static JsonElement Wrap(JsonElement value) => JsonDocument.Parse($"[{value.GetRawText()}]").RootElement;

    private static SessionField Session(string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
            return required ? new SessionField(null, 1, true, "The parameter session is required") : new SessionField(null, 1, true, null);
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("session_id", out var id) || !id.TryGetInt64(out var sessionId))
                return new SessionField(null, 1, true, "Invalid parameter session: session_id must be a number");
            var seq = root.TryGetProperty("batch_seq", out var s) && s.TryGetInt32(out var n) ? n : 1;
            var last = root.TryGetProperty("last_batch_flag", out var l) && l.ValueKind == JsonValueKind.True;
            return new SessionField(sessionId, seq, last, null);
        }
        catch (JsonException)
        {
            return new SessionField(null, 1, true, "Invalid parameter session: not JSON");
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    private sealed record SessionField(long? Id, int BatchSeq, bool Last, string? Error);
}

/// <summary>An answer: status, body, rows in the request and the Graph error code (0 for success).</summary>
internal sealed record MetaAnswer(int Status, JsonObject Body, int Rows, int ErrorCode)
{
    public static MetaAnswer Refused(int status, JsonObject body, int rows = 0) =>
        new(status, body, rows, body["error"]?["code"]?.GetValue<int>() ?? 0);
}
