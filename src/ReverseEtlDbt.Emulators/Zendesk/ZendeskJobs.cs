using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>
/// Bulk calls become jobs: <c>queued</c> when created, <c>working</c> on the first poll, <c>completed</c> (the work
/// done, results ready) after <see cref="ZendeskEmulatorOptions.PollsToComplete"/> polls. Job statuses expire after
/// <see cref="ZendeskEmulatorOptions.JobLifetime"/>; unknown or expired ids are not found.
/// </summary>
internal sealed class ZendeskJobs(ZendeskEmulatorOptions options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Job> jobs = new(StringComparer.Ordinal);

    /// <summary>Jobs not yet completed or failed (counted against <see cref="ZendeskEmulatorOptions.MaxActiveJobs"/>).</summary>
    public int Active
    {
        get { lock (gate) return jobs.Values.Count(j => j.Status is "queued" or "working"); }
    }

    /// <summary>Queues <paramref name="work"/>, which runs (once) when a poll completes the job; <c>null</c> when at the job cap.</summary>
    public JsonObject? Queue(string jobType, int total, Func<JsonArray> work, Uri baseUrl)
    {
        lock (gate)
        {
            if (jobs.Values.Count(j => j.Status is "queued" or "working") >= options.MaxActiveJobs) return null;
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var job = new Job(id, jobType, total, work, new Uri(baseUrl, $"api/v2/job_statuses/{id}.json"), time.GetUtcNow());
            jobs[id] = job;
            return job.ToJson();
        }
    }

    /// <summary>Advances the job one step and answers its status; <c>null</c> for an unknown or expired job.</summary>
    public JsonObject? Poll(string id)
    {
        lock (gate)
        {
            if (!jobs.TryGetValue(id, out var job)) return null;
            if (time.GetUtcNow() - job.CreatedAt > options.JobLifetime)
            {
                jobs.Remove(id);
                return null;
            }
            if (job.Status is "queued" or "working")
            {
                job.Polls++;
                if (!options.HoldJobs && job.Polls >= options.PollsToComplete) job.Complete(time.GetUtcNow());
                else job.Status = "working";
            }
            return job.ToJson();
        }
    }

    /// <summary>The current status of a job without advancing it (for tests).</summary>
    public string? StatusOf(string id)
    {
        lock (gate) return jobs.GetValueOrDefault(id)?.Status;
    }

    private sealed class Job(string id, string jobType, int total, Func<JsonArray> work, Uri url, DateTimeOffset createdAt)
    {
        private JsonArray? results;
        private DateTimeOffset completedAt;

        public DateTimeOffset CreatedAt { get; } = createdAt;
        public string Status { get; set; } = "queued";
        public int Polls { get; set; }

        public void Complete(DateTimeOffset now)
        {
            results = work();
            completedAt = now;
            Status = "completed";
        }

        public JsonObject ToJson() => new()
        {
            ["id"] = id,
            ["job_type"] = jobType,
            ["message"] = Status == "completed" ? "Completed at " + completedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null,
            ["progress"] = Status == "completed" ? total : 0,
            ["results"] = results?.DeepClone(),
            ["status"] = Status,
            ["total"] = total,
            ["url"] = url.ToString(),
        };
    }
}
