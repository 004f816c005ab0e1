using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>
/// Applies one batch request to the store the way HubSpot documents it: whole-batch 400s for malformed
/// batches and unknown or read-only properties, per-input errors (207) for invalid values and missing records.
/// </summary>
internal sealed class HubSpotBatchProcessor(HubSpotStore store, HubSpotEmulatorOptions options, TimeProvider time)
{
    private const string Validation = "VALIDATION_ERROR";

    public HubSpotAnswer Process(string objectType, HubSpotOperation operation, JsonElement body, string? queryIdProperty)
    {
        var startedAt = time.GetUtcNow();
        var inputs = HubSpotBatchInput.ParseAll(body, queryIdProperty);
        if (inputs is null) return Invalid(0, "Invalid input JSON: expected an object with an 'inputs' array.");
        if (Refusal(objectType, operation, inputs) is { } refusal) return refusal;

        var invalid = inputs.Select(i => (Input: i, Error: ValueError(objectType, operation, i)))
            .Where(x => x.Error is not null).ToDictionary(x => x.Input.Index, x => x.Error!);
        if (invalid.Count > 0 && (options.InvalidValuesFailWholeBatch
                                  || operation == HubSpotOperation.Create && inputs.Any(i => i.TraceId is null)))
            return Invalid(inputs.Count, "Property values were not valid",
                new JsonArray(invalid.Values.SelectMany(e => e["errors"]!.AsArray().Select(d => d!.DeepClone())).ToArray()));

        var results = new JsonArray();
        var errors = new JsonArray(invalid.Values.ToArray<JsonNode?>());
        lock (store.Gate)
            foreach (var input in inputs.Where(i => !invalid.ContainsKey(i.Index)))
                if (Apply(objectType, operation, input) is { } outcome)
                    (outcome["category"] is null ? results : errors).Add(outcome);

        if (operation == HubSpotOperation.Archive) return new HubSpotAnswer(204, null, inputs.Count);
        var status = errors.Count > 0 ? 207 : operation == HubSpotOperation.Create ? 201 : 200;
        return new HubSpotAnswer(status, HubSpotJson.BatchResponse(results, errors, startedAt, time.GetUtcNow()), inputs.Count);
    }

    private HubSpotAnswer? Refusal(string objectType, HubSpotOperation operation, IReadOnlyList<HubSpotBatchInput> inputs)
    {
        if (inputs.Count > options.MaxBatchInputs)
            return Invalid(inputs.Count, $"Too many inputs: {inputs.Count}. Batch operations are limited to {options.MaxBatchInputs} inputs.");
        if (operation != HubSpotOperation.Create && inputs.FirstOrDefault(i => string.IsNullOrEmpty(i.Id)) is { } noId)
            return Invalid(inputs.Count, $"Input {noId.Index} has no 'id'.");
        if (operation == HubSpotOperation.Upsert && inputs.FirstOrDefault(i => i.IdProperty is null) is { } noProperty)
            return Invalid(inputs.Count, $"Input {noProperty.Index} has no 'idProperty' (in the input or as a query parameter).");
        var duplicates = inputs.Where(i => i.Id is not null && operation is HubSpotOperation.Upsert or HubSpotOperation.Update)
            .GroupBy(i => i.Id!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            return Invalid(inputs.Count, $"Duplicate IDs found in batch input: [{string.Join(", ", duplicates)}]. IDs must be unique");
        var propertyErrors = new JsonArray(inputs.SelectMany(i => i.Properties.Keys)
            .Distinct(StringComparer.OrdinalIgnoreCase).Select(p => PropertyError(objectType, p)).OfType<JsonNode>().ToArray());
        return propertyErrors.Count > 0 ? Invalid(inputs.Count, "Property values were not valid", propertyErrors) : null;
    }

    private JsonObject? PropertyError(string objectType, string property) =>
        options.ReadOnlyProperties.Contains(property)
            ? HubSpotJson.Detail($"\"{property}\" is a read only property; its value cannot be set.", "READ_ONLY_VALUE", property)
        : options.KnownProperties.TryGetValue(objectType, out var known) && !known.Contains(property)
            ? HubSpotJson.Detail($"Property \"{property}\" does not exist", "PROPERTY_DOESNT_EXIST", property)
        : null;

    private JsonObject? ValueError(string objectType, HubSpotOperation operation, HubSpotBatchInput input)
    {
        if (operation is HubSpotOperation.Archive or HubSpotOperation.Read) return null;
        var details = input.Properties
            .Where(p => p.Value.Length > 0 && options.ValuePatterns.TryGetValue(p.Key, out var pattern) && !pattern.IsMatch(p.Value))
            .Select(p => (JsonNode)HubSpotJson.Detail($"Property \"{p.Key}\" of {objectType} has an invalid value \"{p.Value}\".", "INVALID_OPTION", p.Key))
            .ToArray();
        return details.Length == 0 ? null
            : HubSpotJson.InputError(Validation, "Property values were not valid", input.Context(), new JsonArray(details));
    }

    /// <summary>A result item, an input error item, or <c>null</c> for archive.</summary>
    private JsonObject? Apply(string objectType, HubSpotOperation operation, HubSpotBatchInput input)
    {
        var now = time.GetUtcNow();
        var existing = input.Id is null ? null : store.Find(objectType, input.IdProperty, input.Id);
        switch (operation)
        {
            case HubSpotOperation.Create:
                return HubSpotJson.Result(store.Create(objectType, input.Properties, now), null, input.TraceId);
            case HubSpotOperation.Upsert when existing is null:
                var properties = new Dictionary<string, string>(input.Properties, StringComparer.OrdinalIgnoreCase)
                    { [input.IdProperty!] = input.Id! };
                return HubSpotJson.Result(store.Create(objectType, properties, now), true, input.TraceId);
            case HubSpotOperation.Upsert:
                return HubSpotJson.Result(store.Update(existing, input.Properties, now), false, input.TraceId);
            case HubSpotOperation.Archive:
                if (existing is not null) store.Archive(existing, now);
                return null;
            case var _ when existing is null:
                return HubSpotJson.InputError("OBJECT_NOT_FOUND", $"Could not find {objectType} with id {input.Id}", input.Context(),
                    new JsonArray(HubSpotJson.Detail("Object not found", "OBJECT_NOT_FOUND")));
            case HubSpotOperation.Update:
                return HubSpotJson.Result(store.Update(existing, input.Properties, now), null, input.TraceId);
            default:
                return HubSpotJson.Result(existing, null, null);
        }
    }

    private static HubSpotAnswer Invalid(int inputCount, string message, JsonArray? errors = null) =>
        new(400, HubSpotJson.Error(Validation, message, errors), inputCount);
}

/// <summary>The batch endpoints the emulator serves (the last path segment).</summary>
internal enum HubSpotOperation
{
    Upsert,
    Update,
    Create,
    Archive,
    Read,
}

/// <summary>Status and body of one answered batch request.</summary>
internal sealed record HubSpotAnswer(int Status, JsonObject? Body, int InputCount);
