using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// sObject Collections: upsert by external id, create, update and delete, each answering one result per record in
/// request order. A malformed body or more than <see cref="SalesforceEmulatorOptions.MaxRecords"/> records is a 400;
/// otherwise 200 with per-record <c>success</c>/<c>errors</c>. With <c>allOrNone: true</c> one failure saves nothing
/// and the valid records answer <c>ALL_OR_NONE_OPERATION_ROLLED_BACK</c>; with false the valid records are saved.
/// </summary>
internal sealed partial class SalesforceCollections(SalesforceStore store, SalesforceEmulatorOptions options, TimeProvider time)
{
    public SalesforceAnswer Upsert(string sObject, string field, JsonElement body) => Process(body, sObject, records => PlanUpserts(sObject, field, records));

    /// <summary>Upserts records read from elsewhere (a Bulk API job), each saved or failed on its own; results in input order.</summary>
    public JsonArray UpsertAll(string sObject, string field, List<SalesforceInputRecord> records)
    {
        lock (store.Gate) return Finish(PlanUpserts(sObject, field, records), allOrNone: false);
    }

    private List<Planned> PlanUpserts(string sObject, string field, List<SalesforceInputRecord> records)
    {
        var values = records.Select(r => r.Fields.GetValueOrDefault(field)).ToList();
        var duplicates = values.OfType<string>().GroupBy(v => v, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return records.Select((record, i) => values[i] switch
        {
            _ when record.HasId => Refuse("INVALID_FIELD", "Id is not allowed in an upsert by external id; send only the external id field", "Id"),
            null or "" => Refuse("MISSING_ARGUMENT", $"{field} not specified", field),
            var value when duplicates.Contains(value) => Refuse("DUPLICATE_EXTERNAL_ID", $"Duplicate external id specified: {value}", field),
            var value => Validate(sObject, record) ?? UpsertOne(sObject, field, value, record),
        }).ToList();
    }

    public SalesforceAnswer Create(JsonElement body) => Process(body, null, records => records.Select(record =>
        record.HasId ? Refuse("INVALID_FIELD_FOR_INSERT_UPDATE", "Cannot specify an id in an insert call", "Id")
        : Validate(record.SObject, record) ?? new Planned(null, () => Saved(store.Create(record.SObject, record.Fields, time.GetUtcNow()).Id))).ToList());

    public SalesforceAnswer Update(JsonElement body) => Process(body, null, records => records.Select(record =>
        record.Id is not { } id ? Refuse("MISSING_ARGUMENT", "Id not specified in an update call", "Id")
        : store.ById(id) is not { } existing ? Refuse("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "Id")
        : existing.Deleted ? Refuse("ENTITY_IS_DELETED", "entity is deleted")
        : Validate(existing.SObject, record) ?? new Planned(null, () => Saved(store.Update(existing, record.Fields, time.GetUtcNow()).Id))).ToList());

    public SalesforceAnswer Delete(string? ids, bool allOrNone)
    {
        var list = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0) return Malformed("MISSING_ARGUMENT", "ids parameter is required", 0);
        if (list.Length > options.MaxRecords) return TooMany(list.Length);
        lock (store.Gate)
        {
            var planned = list.Select(id => store.ById(id) switch
            {
                null => new Planned(SalesforceErrors.Failed(SalesforceErrors.Record("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"), id), null),
                { Deleted: true } => new Planned(SalesforceErrors.Failed(SalesforceErrors.Record("ENTITY_IS_DELETED", "entity is deleted"), id), null),
                var record => new Planned(null, () =>
                {
                    store.Delete(record, time.GetUtcNow());
                    return new JsonObject { ["id"] = record.Id, ["success"] = true, ["errors"] = new JsonArray() };
                }),
            }).ToList();
            return new SalesforceAnswer(200, Finish(planned, allOrNone), list.Length, null);
        }
    }

    private Planned UpsertOne(string sObject, string field, string value, SalesforceInputRecord record)
    {
        var matches = store.Find(sObject, field, value).ToList();
        if (matches.Count > 1)
            return Refuse("DUPLICATE_VALUE", $"{matches.Count} {sObject} records have {field} = {value}", field);
        var now = time.GetUtcNow();
        return matches.Count == 1
            ? new Planned(null, () => Saved(store.Update(matches[0], record.Fields, now).Id, created: false))
            : new Planned(null, () => Saved(store.Create(sObject, record.Fields, now).Id, created: true));
    }

    private Planned? Validate(string sObject, SalesforceInputRecord record)
    {
        if (record.Invalid is { } invalid) return Refuse("JSON_PARSER_ERROR", $"Cannot deserialize the value of field {invalid}", invalid);
        if (options.KnownFields.TryGetValue(sObject, out var known) && record.Fields.Keys.FirstOrDefault(f => !known.Contains(f)) is { } unknown)
            return Refuse("INVALID_FIELD", $"No such column '{unknown}' on sobject of type {sObject}", unknown);
        foreach (var (field, value) in record.Fields)
            if (value is { Length: > 0 } && IsEmailField(field) && !EmailPattern().IsMatch(value))
                return Refuse("INVALID_EMAIL_ADDRESS", $"{field}: invalid email address: {value}", field);
        foreach (var (field, value) in record.Fields)
            if (value is not null && options.ValuePatterns.TryGetValue(field, out var pattern) && !pattern.IsMatch(value))
                return Refuse("FIELD_CUSTOM_VALIDATION_EXCEPTION", $"{field}: value does not pass validation", field);
        return null;
    }

    /// <summary>An email-typed field: the standard <c>Email</c> or a custom <c>…Email__c</c>, which Salesforce validates.</summary>
    private static bool IsEmailField(string field) =>
        field.Equals("Email", StringComparison.OrdinalIgnoreCase) || field.EndsWith("Email__c", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    private SalesforceAnswer Process(JsonElement body, string? sObject, Func<List<SalesforceInputRecord>, List<Planned>> plan)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("records", out var items) || items.ValueKind != JsonValueKind.Array)
            return Malformed("JSON_PARSER_ERROR", "The request body must be an object with a 'records' array", 0);
        var count = items.GetArrayLength();
        if (count > options.MaxRecords) return TooMany(count);
        var records = items.EnumerateArray().Select(SalesforceInputRecord.Read).ToList();
        if (records.FirstOrDefault(r => r.SObject.Length == 0 || sObject is not null && !r.SObject.Equals(sObject, StringComparison.OrdinalIgnoreCase)) is not null)
            return Malformed("INVALID_TYPE", sObject is null
                ? "Each record needs attributes.type naming its sObject"
                : $"Each record needs attributes.type = {sObject}, the sObject of the URL", count);
        var allOrNone = body.TryGetProperty("allOrNone", out var flag) && flag.ValueKind == JsonValueKind.True;
        lock (store.Gate) return new SalesforceAnswer(200, Finish(plan(records), allOrNone), count, sObject ?? records.FirstOrDefault()?.SObject);
    }

    private static JsonArray Finish(List<Planned> planned, bool allOrNone)
    {
        var rollBack = allOrNone && planned.Any(p => p.Failure is not null);
        return new JsonArray(planned.Select(p => (JsonNode)(p.Failure ?? (rollBack ? SalesforceErrors.RolledBack() : p.Apply!()))).ToArray());
    }

    private static JsonObject Saved(string id, bool? created = null)
    {
        var result = new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() };
        if (created is { } c) result["created"] = c;
        return result;
    }

    private static Planned Refuse(string code, string message, params string[] fields) =>
        new(SalesforceErrors.Failed(SalesforceErrors.Record(code, message, fields)), null);

    private SalesforceAnswer TooMany(int count) => Malformed("EXCEEDED_ID_LIMIT",
        $"record limit reached. cannot submit more than {options.MaxRecords.ToString(CultureInfo.InvariantCulture)} records into this call", count);

    private static SalesforceAnswer Malformed(string code, string message, int count) => new(400, SalesforceErrors.Rest(code, message), count, null);

    /// <summary>A record's verdict before anything is saved: its failure, or how to save it.</summary>
    private sealed record Planned(JsonObject? Failure, Func<JsonObject>? Apply);
}

/// <summary>What the emulator answers for one API call (JSON, or <see cref="Csv"/> text), and how many records it carried.</summary>
internal sealed record SalesforceAnswer(int Status, JsonNode? Body, int RecordCount, string? SObject, string? Csv = null);
