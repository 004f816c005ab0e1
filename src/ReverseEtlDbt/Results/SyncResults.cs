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

    public static string Serialize(SyncResultsMetadata metadata, string command, double elapsed, IReadOnlyList<SyncOutcome> outcomes,
        IReadOnlyList<SyncError>? runErrors = null) =>
        JsonSerializer.Serialize(new
        {
            metadata = new
            {
                retl_schema_version = SchemaVersion,
                retl_version = metadata.RetlVersion,
                generated_at = metadata.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                invocation_id = metadata.InvocationId,
                dbt_invocation_id = metadata.DbtInvocationId,
            },
            command,
            elapsed_time = Math.Round(elapsed, 3),
            results = outcomes.Select(o => new
            {
                sync_id = o.Sync.Id,
                unique_id = o.Sync.ModelUniqueId,
                connection = o.Sync.Connection,
                @object = o.Sync.Object,
                mode = o.Sync.Mode.ToString().ToLowerInvariant(),
                status = o.Status.ToString().ToLowerInvariant(),
                counts = new
                {
                    added = o.Counts.Added, changed = o.Counts.Changed, removed = o.Counts.Removed,
                    rejected = o.Counts.Rejected, failed = o.Counts.Failed, requests = o.Counts.Requests, retries = o.Counts.Retries,
                },
                execution_time = Math.Round(o.ExecutionTime, 3),
                warehouse = Warehouse.Metering.WarehouseCostFormat.Json(o.Warehouse),
                errors = Errors(o.Errors),
                mapping_changed = o.MappingChange is not { } m ? null : new { rows_resent = m.RowsResent, message = m.Message, config_fingerprint = m.ConfigFingerprint, previous_config_fingerprint = m.PreviousConfigFingerprint },
            }),
            errors = Errors(runErrors ?? []),
        }, Options) + "\n";

    private static IEnumerable<object> Errors(IReadOnlyList<SyncError> errors) =>
        errors.Select(e => new { code = e.Code.Name(), message = e.Message, sample = e.Sample ?? [] });
}

public sealed record SyncResultsMetadata(string RetlVersion, DateTimeOffset GeneratedAt, string InvocationId, string? DbtInvocationId);
