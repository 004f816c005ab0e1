using System.Globalization;
using System.Text.Json;
using ReverseEtlDbt.Values;

namespace ReverseEtlDbt.Destinations.Webhook;

/// <summary>
/// The JSON body of one delivery, in the Standard Webhooks envelope:
/// <code>
/// {"type": "contacts.upsert",
///  "data": {"sync_id": "…", "model": "customers", "object": "contacts", "operation": "upsert", "batch_key": "…",
///           "records": [{"primary_key": "42", "idempotency_key": "…", "fields": {"email": "a@example.com", "score": 7}}]}}
/// </code>
/// <c>type</c> is <c>{object}.{operation}</c> (operation: upsert, update, insert, delete, archive). The body is a pure
/// function of the batch, so a retry, even in a later run after a crash, sends the same bytes under the same key (the
/// Idempotency-Key draft refuses a reused key with a different payload). That is why the envelope's optional
/// <c>timestamp</c> is left out: the attempt time travels in the <c>webhook-timestamp</c> header. Field values keep
/// their JSON type: numbers with every digit the warehouse holds; dates and timestamps are ISO 8601 strings
/// (a timestamptz with <c>Z</c>, a naive timestamp without a zone).
/// </summary>
internal static class WebhookPayload
{
    public static byte[] Serialize(DestinationBatch batch)
    {
        var operation = batch.Operation.ToString().ToLowerInvariant();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", $"{batch.Sync.Object}.{operation}");
            json.WriteStartObject("data");
            json.WriteString("sync_id", batch.Sync.Id);
            json.WriteString("model", batch.Sync.ModelName);
            json.WriteString("object", batch.Sync.Object);
            json.WriteString("operation", operation);
            json.WriteString("batch_key", batch.BatchKey);
            json.WriteStartArray("records");
            foreach (var row in batch.Changes) WriteRecord(json, row);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteRecord(Utf8JsonWriter json, RecordChange row)
    {
        json.WriteStartObject();
        json.WriteString("primary_key", row.PrimaryKey);
        json.WriteString("idempotency_key", row.IdempotencyKey);
        json.WriteStartObject("fields");
        foreach (var (name, value) in row.Fields)
        {
            json.WritePropertyName(name);
            WriteValue(json, value);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int or long or short or byte or sbyte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: json.WriteNumberValue(u); break;
            case decimal m: json.WriteNumberValue(m); break;
            case ExactNumber n: json.WriteRawValue(n.Text); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case DateTime d:
                json.WriteStringValue((d.Kind == DateTimeKind.Unspecified ? d : d.ToUniversalTime()).ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset d: json.WriteStringValue(d.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly d: json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case JsonElement e: e.WriteTo(json); break;
            case IFormattable f: json.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }
}
