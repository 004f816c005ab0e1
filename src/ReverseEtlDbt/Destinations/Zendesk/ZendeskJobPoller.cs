using System.Globalization;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// Waits for a bulk job by polling <c>GET /api/v2/job_statuses/{id}</c>: first after
/// <see cref="ZendeskOptions.PollInterval"/>, then at doubling intervals up to <see cref="ZendeskOptions.MaxPollInterval"/>,
/// never past <see cref="ZendeskOptions.JobTimeout"/>. Waits run on the injected <see cref="TimeProvider"/> and stop
/// at once when cancelled.
/// </summary>
/// <remarks>
/// A job that outlives the bound, or whose status is gone (404: expired or unknown), is transient: the engine sends
/// the batch again as a new job, which is safe because <c>create_or_update_many</c> and <c>destroy_many</c> are
/// natural upserts and deletes. Each poll is a request that counts against the account's per-minute limit.
/// </remarks>
internal sealed class ZendeskJobPoller(ZendeskClient client, ZendeskOptions options, TimeProvider time)
{
    public async Task<ZendeskJobStatus> WaitAsync(ZendeskJobStatus job, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var delay = options.PollInterval;
        var longest = options.PollInterval > ZendeskOptions.MaxPollInterval ? options.PollInterval : ZendeskOptions.MaxPollInterval;
        while (!job.IsFinished)
        {
            var waited = time.GetUtcNow() - started;
            if (waited >= options.JobTimeout)
                throw new DestinationTransientException(
                    $"{client.Name}: job {job.Id} was still '{job.Status}' after {Seconds(options.JobTimeout)} s; the batch is sent again " +
                    "(raise 'job_timeout_seconds', and 'timeout_seconds' above it, if Zendesk's job queue is slow)");
            var remaining = options.JobTimeout - waited;
            await Task.Delay(delay < remaining ? delay : remaining, time, cancellationToken);

            var response = await client.SendAsync(HttpMethod.Get, $"api/v2/job_statuses/{Uri.EscapeDataString(job.Id)}", null, cancellationToken);
            if (response.Status == 404)
                throw new DestinationTransientException(
                    $"{client.Name}: job {job.Id} is no longer known to Zendesk (job statuses expire); the batch is sent again", statusCode: 404);
            if (!response.IsSuccess)
                throw new DestinationFatalException($"{client.Name}: {response.Status} reading job {job.Id}: {response.Detail}", response.Status);
            job = ZendeskJobStatus.Read(response.Body)
                  ?? throw new DestinationFatalException($"{client.Name}: the answer for job {job.Id} holds no job_status", response.Status);
            delay = delay * 2 < longest ? delay * 2 : longest;
        }
        return job;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
