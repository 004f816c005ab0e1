using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>
/// One <c>users</c> request: the <c>schema</c>, one <c>data</c> row per sendable change (values normalised and
/// hashed, in schema order), and the rows answered without asking Meta (no usable identifier, nothing to remove).
/// </summary>
internal sealed record MetaUpload(IReadOnlyList<string> Schema, IReadOnlyList<MetaUploadRow> Rows, IReadOnlyList<RowOutcome> Settled)
{
    /// <summary>The <c>payload</c> form field: <c>{"schema": [...], "data": [[...], ...]}</c>.</summary>
    public string Payload() => new JsonObject
    {
        ["schema"] = new JsonArray(Schema.Select(k => (JsonNode)k).ToArray()),
        ["data"] = new JsonArray(Rows.Select(r => (JsonNode)new JsonArray(r.Values.Select(v => (JsonNode)v).ToArray())).ToArray()),
    }.ToJsonString();

    /// <summary>
    /// The <c>session</c> form field. Each request is a whole session (one batch, <c>last_batch_flag</c> true): the
    /// engine sizes batches to the 10,000-row limit and may send them in any order. The id derives from the batch key,
    /// so a retried batch reports as the same session.
    /// </summary>
    public string Session(string batchKey) => new JsonObject
    {
        ["session_id"] = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(batchKey)), 0) & long.MaxValue,
        ["batch_seq"] = 1,
        ["last_batch_flag"] = true,
        ["estimated_num_total"] = Rows.Count,
    }.ToJsonString();

    /// <summary>Adds: every row's identifiers from the sync's match, fields and static values.</summary>
    public static MetaUpload ForAdd(DestinationSync sync, IEnumerable<RecordChange> changes, int currentYear)
    {
        var schema = SchemaOf(sync);
        var hashRaw = schema.ToDictionary(k => k, k => MetaSchemaKeys.IsHashed(k) || ColumnsOf(sync, k).Any(c => sync.Hash.Contains(c, StringComparer.OrdinalIgnoreCase)));
        var rows = new List<MetaUploadRow>();
        var settled = new List<RowOutcome>();
        foreach (var change in changes)
        {
            var values = schema.Select(key => Identifier(key, FieldValue(change, key), hashRaw[key], currentYear)).ToList();
            if (values.All(v => v.Length == 0))
                settled.Add(RowOutcome.Rejected(change.PrimaryKey,
                    $"no usable identifier: {string.Join(", ", schema)} {(schema.Count == 1 ? "is" : "are all")} empty or not valid for Meta"));
            else rows.Add(Row(schema, change, values));
        }
        return new MetaUpload(schema, rows, settled);
    }

    /// <summary>Removals: the members this sync added, from their ids in state; rows without one were never added.</summary>
    public static MetaUpload ForRemove(IEnumerable<(RecordChange Change, string? MemberId)> members)
    {
        var parsed = members.Select(m => (m.Change, Keys: MetaMemberId.Parse(m.MemberId))).ToList();
        var schema = parsed.SelectMany(p => p.Keys.Keys).Distinct().OrderBy(MetaSchemaKeys.Order).ToList();
        var rows = parsed.Where(p => p.Keys.Count > 0).Select(p => Row(schema, p.Change, schema.Select(k => p.Keys.GetValueOrDefault(k, "")).ToList())).ToList();
        var settled = parsed.Where(p => p.Keys.Count == 0).Select(p => RowOutcome.Ok(p.Change.PrimaryKey)).ToList();
        return new MetaUpload(schema, rows, settled);
    }

    /// <summary>The schema keys a sync sends, in Meta's order; a field that is not a schema key stops the sync.</summary>
    public static IReadOnlyList<string> SchemaOf(DestinationSync sync)
    {
        var fields = (sync.Match is { } m ? [m.Field] : Array.Empty<string>())
            .Concat(sync.Fields.Select(f => f.Field)).Concat(sync.Static.Keys).ToList();
        var unknown = fields.Where(f => MetaSchemaKeys.Canonical(f) is null).Distinct().ToList();
        if (unknown.Count > 0)
            throw new DestinationFatalException(
                $"sync '{sync.Id}' maps to {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which {(unknown.Count == 1 ? "is not a" : "are not")} Meta schema key{(unknown.Count == 1 ? "" : "s")}. " +
                $"Map model columns to: {string.Join(", ", MetaSchemaKeys.All)} (see docs/destinations/meta-audiences.md).");
        if (fields.Count == 0)
            throw new DestinationFatalException($"sync '{sync.Id}' sends no identifier: add `match: {{column: email, field: EMAIL}}`.");
        return fields.Select(f => MetaSchemaKeys.Canonical(f)!).Distinct().OrderBy(MetaSchemaKeys.Order).ToList();
    }

    private static MetaUploadRow Row(IReadOnlyList<string> schema, RecordChange change, List<string> values) =>
        new(change, values, MetaMemberId.Format(schema, values));

    private static string Identifier(string key, object? value, bool hash, int currentYear) =>
        MetaNormalizer.Normalize(key, value, currentYear) is not { } normalized ? ""
        : hash ? IdentifierHash.Sha256(normalized)
        : normalized;

    private static object? FieldValue(RecordChange change, string key) =>
        change.Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static IEnumerable<string> ColumnsOf(DestinationSync sync, string key) =>
        sync.Fields.Where(f => MetaSchemaKeys.Canonical(f.Field) == key).Select(f => f.Column)
            .Concat(sync.Match is { } m && MetaSchemaKeys.Canonical(m.Field) == key ? [m.Column] : []);
}

/// <summary>One <c>data</c> row and the change it came from; <see cref="MemberId"/> is what state keeps for it.</summary>
internal sealed record MetaUploadRow(RecordChange Change, IReadOnlyList<string> Values, string MemberId);
