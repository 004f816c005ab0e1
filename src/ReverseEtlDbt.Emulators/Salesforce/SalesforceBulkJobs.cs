using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// Bulk API 2.0 ingest jobs: create, upload CSV (only while <c>Open</c>), close or abort, status, and the three
/// result files. Records are applied with the same rules as Collections upsert; an empty CSV value leaves the field
/// alone and <c>#N/A</c> clears it. The emulator runs <c>upsert</c> jobs; other operations are refused.
/// </summary>
internal sealed class SalesforceBulkJobs(SalesforceStore store, SalesforceCollections collections, SalesforceEmulatorOptions options, TimeProvider time)
{
    private readonly Dictionary<string, SalesforceBulkJob> jobs = new(StringComparer.Ordinal);
    private long nextId;

    public IReadOnlyList<SalesforceBulkJob> All
    {
        get { lock (store.Gate) return jobs.Values.ToList(); }
    }

    public SalesforceAnswer Create(JsonElement body, string version)
    {
        var sObject = Text(body, "object");
        var operation = Text(body, "operation");
        var field = Text(body, "externalIdFieldName");
        if (sObject is null || operation is null) return Refuse(400, "INVALIDJOB", "object and operation are required");
        if (operation != "upsert") return Refuse(400, "INVALIDJOB", $"The emulator runs upsert jobs only, not {operation}");
        if (field is null) return Refuse(400, "INVALIDJOB", "externalIdFieldName is required for upsert");
        if (Text(body, "contentType") is { } type && type != "CSV") return Refuse(400, "INVALIDJOB", "contentType must be CSV");
        lock (store.Gate)
        {
            var job = new SalesforceBulkJob("750EMU" + (++nextId).ToString("D9", CultureInfo.InvariantCulture) + "AAA", sObject, operation, field, time.GetUtcNow());
            jobs[job.Id] = job;
            return new SalesforceAnswer(200, job.Info(version), 0, sObject);
        }
    }

    public SalesforceAnswer Upload(string id, string csv) => WithJob(id, job =>
    {
        if (job.State != "Open") return Refuse(409, "INVALIDJOBSTATE", $"Job {id} is {job.State}: data can only be uploaded while it is Open");
        var lines = SalesforceBulkCsv.Read(csv);
        if (lines.Count == 0 || job.ExternalIdField is not { } field || !lines[0].Contains(field, StringComparer.OrdinalIgnoreCase))
            return Refuse(400, "INVALIDJOB", $"The CSV header must include the external id field {job.ExternalIdField}");
        job.Header = lines[0];
        job.Rows.AddRange(lines.Skip(1).Where(l => l.Count > 1 || l[0].Length > 0));
        return new SalesforceAnswer(201, null, lines.Count - 1, job.SObject);
    });

    public SalesforceAnswer SetState(string id, JsonElement body, string version) => WithJob(id, job =>
    {
        var state = Text(body, "state");
        if (state is not ("UploadComplete" or "Aborted") || job.State is not ("Open" or "UploadComplete" or "InProgress"))
            return Refuse(400, "INVALIDJOBSTATE", $"Job {id} is {job.State}; it cannot become {state}");
        if (state == "UploadComplete" && job.State != "Open") return Refuse(400, "INVALIDJOBSTATE", $"Job {id} is already {job.State}");
        job.State = state;
        return new SalesforceAnswer(200, job.Info(version), job.RecordCount, job.SObject);
    });

    /// <summary>Status; the first read after closing runs the job (<c>InProgress</c>), the next one sees it ended.</summary>
    public SalesforceAnswer Status(string id, string version) => WithJob(id, job =>
    {
        if (job.State == "InProgress" && !options.HoldBulkJobs) job.State = job.ErrorMessage is null ? "JobComplete" : "Failed";
        else if (job.State == "UploadComplete")
        {
            Run(job);
            job.State = "InProgress";
        }
        return new SalesforceAnswer(200, job.Info(version), job.RecordCount, job.SObject);
    });

    public SalesforceAnswer Results(string id, string kind) => WithJob(id, job =>
    {
        var header = job.Header.ToList();
        var csv = kind switch
        {
            "successfulResults" => SalesforceBulkCsv.Write(["sf__Created", "sf__Id", .. header],
                job.Results.Where(r => r.Error is null).Select(r => (IReadOnlyList<string>)[r.Created ? "true" : "false", r.Id!, .. r.Row])),
            "failedResults" => SalesforceBulkCsv.Write(["sf__Id", "sf__Error", .. header],
                job.Results.Where(r => r.Error is not null).Select(r => (IReadOnlyList<string>)["", r.Error!, .. r.Row])),
            _ => SalesforceBulkCsv.Write(header, job.Rows.Skip(job.Results.Count)),
        };
        return new SalesforceAnswer(200, null, 0, job.SObject, csv);
    });

    private void Run(SalesforceBulkJob job)
    {
        if (options.BulkJobFailure is { } failure)
        {
            job.ErrorMessage = failure;
            return;
        }
        var records = job.Rows.Select(row => new SalesforceInputRecord(job.SObject, null, false,
            job.Header.Select((h, i) => (h, v: i < row.Count ? row[i] : ""))
                .Where(p => p.v.Length > 0).ToDictionary(p => p.h, p => p.v == "#N/A" ? null : p.v, StringComparer.OrdinalIgnoreCase),
            null)).ToList();
        var results = collections.UpsertAll(job.SObject, job.ExternalIdField!, records);
        foreach (var (row, result) in job.Rows.Zip(results))
            job.Results.Add(result!["success"]!.GetValue<bool>()
                ? (row, result["id"]!.GetValue<string>(), result["created"]!.GetValue<bool>(), null)
                : (row, null, false, string.Join("; ", result["errors"]!.AsArray().Select(e => $"{e!["statusCode"]}:{e["message"]}"))));
    }

    private SalesforceAnswer WithJob(string id, Func<SalesforceBulkJob, SalesforceAnswer> act)
    {
        lock (store.Gate)
            return jobs.TryGetValue(id, out var job) ? act(job) : Refuse(404, "NOT_FOUND", $"No Bulk API job {id}");
    }

    private static SalesforceAnswer Refuse(int status, string code, string message) => new(status, SalesforceErrors.Rest(code, message), 0, null);

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
