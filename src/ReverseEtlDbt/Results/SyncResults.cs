using System.Text.Json;
using System.Text.Json.Serialization;
using ReverseEtlDbt.Engine;
using ReverseEtlDbt.Engine.Outcomes;

namespace ReverseEtlDbt.Results;

/// <summary>
/// <c>target/sync_results.json</c> (DESIGN §4), in the spirit of dbt's run_results.json. Written atomically
/// (temp file + rename), so a reader never sees half a file, even when retl is killed mid-write.
/// </summary>
public static class SyncResults
{
    public const int SchemaVersion = 1;
    public const string FileName = "sync_results.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <param name="runErrors">Why the run could not start (no manifest, a bad selection), when it could not.</param>
    public static string Write(string targetDir, SyncResultsMetadata metadata, string command, double elapsed, IReadOnlyList<SyncOutcome> outcomes,
        IReadOnlyList<SyncError>? runErrors = null)
    {
        Directory.CreateDirectory(targetDir);
        var path = Path.Combine(targetDir, FileName);
        var temp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, Serialize(metadata, command, elapsed, outcomes, runErrors));
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <remarks>
    /// Written with <see cref="Utf8JsonWriter"/> rather than <see cref="JsonSerializer"/> over anonymous types: the
    /// serializer's reflection cost 50–70 ms of every command's start-up-to-exit (measured on <c>retl plan</c>); the
    /// output is the same (pinned by the snapshot tests). Only error samples, rare, go through the serializer.
    /// </remarks>
    public static string Serialize(SyncResultsMetadata metadata, string command, double elapsed, IReadOnlyList<SyncOutcome> outcomes,
        IReadOnlyList<SyncError>? runErrors = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("metadata");
            writer.WriteNumber("retl_schema_version", SchemaVersion);
            writer.WriteString("retl_version", metadata.RetlVersion);
            writer.WriteString("generated_at", metadata.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("invocation_id", metadata.InvocationId);
            writer.WriteString("dbt_invocation_id", metadata.DbtInvocationId);
            writer.WriteEndObject();
            writer.WriteString("command", command);
            writer.WriteNumber("elapsed_time", Math.Round(elapsed, 3));
            writer.WriteStartArray("results");
            foreach (var outcome in outcomes) WriteResult(writer, outcome);
            writer.WriteEndArray();
            WriteErrors(writer, runErrors ?? []);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteResult(Utf8JsonWriter writer, SyncOutcome o)
    {
        writer.WriteStartObject();
        writer.WriteString("sync_id", o.Sync.Id);
        writer.WriteString("unique_id", o.Sync.ModelUniqueId);
        writer.WriteString("connection", o.Sync.Connection);
        writer.WriteString("object", o.Sync.Object);
        writer.WriteString("mode", o.Sync.Mode.ToString().ToLowerInvariant());
        writer.WriteString("status", o.Status.ToString().ToLowerInvariant());
        writer.WriteStartObject("counts");
        writer.WriteNumber("added", o.Counts.Added);
        writer.WriteNumber("changed", o.Counts.Changed);
        writer.WriteNumber("removed", o.Counts.Removed);
        writer.WriteNumber("rejected", o.Counts.Rejected);
        writer.WriteNumber("failed", o.Counts.Failed);
        writer.WriteNumber("requests", o.Counts.Requests);
        writer.WriteNumber("retries", o.Counts.Retries);
        writer.WriteEndObject();
        writer.WriteNumber("execution_time", Math.Round(o.ExecutionTime, 3));
        Warehouse.Metering.WarehouseCostFormat.Write(writer, "warehouse", o.Warehouse);
        WriteErrors(writer, o.Errors);
        if (o.MappingChange is { } m)
        {
            writer.WriteStartObject("mapping_changed");
            writer.WriteNumber("rows_resent", m.RowsResent);
            writer.WriteString("message", m.Message);
            writer.WriteString("config_fingerprint", m.ConfigFingerprint);
            writer.WriteString("previous_config_fingerprint", m.PreviousConfigFingerprint);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("mapping_changed");
        }
        writer.WriteEndObject();
    }

    private static void WriteErrors(Utf8JsonWriter writer, IReadOnlyList<SyncError> errors)
    {
        writer.WriteStartArray("errors");
        foreach (var e in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("code", e.Code.Name());
            writer.WriteString("message", e.Message);
            writer.WritePropertyName("sample");
            if (e.Sample is { Count: > 0 } sample) JsonSerializer.Serialize(writer, sample, Options);
            else { writer.WriteStartArray(); writer.WriteEndArray(); }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}

public sealed record SyncResultsMetadata(string RetlVersion, DateTimeOffset GeneratedAt, string InvocationId, string? DbtInvocationId);
