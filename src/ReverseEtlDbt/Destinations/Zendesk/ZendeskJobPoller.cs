using System.Globalization;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// Waits for a bulk job by polling <c>GET /api/v2/job_statuses/{id}</c>: first after
/// <see cref="ZendeskOptions.PollInterval"/>, then at doubling intervals up to <see cref="ZendeskOptions.MaxPollInterval"/>,
/// never past <see cref="ZendeskOptions.JobTimeout"/> nor the connection's <c>max_retry_wait</c>. Waits run on the
/// injected <see cref="TimeProvider"/> and stop at once when cancelled or when the run is stopped.
/// </summary>
/// <remarks>
/// A job that outlives <c>job_timeout_seconds</c>, or whose status is gone (404: expired or unknown), is transient: the
/// engine sends the batch again as a new job, which is safe because <c>create_or_update_many</c> and <c>destroy_many</c>
/// are natural upserts and deletes. A job that outlives <c>max_retry_wait</c> fails the batch at once: nothing of it is
/// recorded, so the next run sends it again. Each poll is a request that counts against the account's per-minute limit.
/// </remarks>
internal sealed class ZendeskJobPoller(ZendeskClient client, ZendeskOptions options, DestinationContext context)
{
    public async Task<ZendeskJobStatus> WaitAsync(ZendeskJobStatus job, CancellationToken cancellationToken)
    {
        using var waits = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.Stopping);
        var time = context.Time;
        var started = time.GetUtcNow();
        var bound = options.JobTimeout < context.MaxWait ? options.JobTimeout : context.MaxWait;
        var delay = options.PollInterval;
        var longest = options.PollInterval > ZendeskOptions.MaxPollInterval ? options.PollInterval : ZendeskOptions.MaxPollInterval;
        while (!job.IsFinished)
        {
            var waited = time.GetUtcNow() - started;
            if (waited >= bound) throw OutLived(job, bound);
            var remaining = bound - waited;
            await Task.Delay(delay < remaining ? delay : remaining, time, waits.Token);

            var response = await client.SendAsync(HttpMethod.Get, $"api/v2/job_statuses/{Uri.EscapeDataString(job.Id)}", null, cancellationToken);
            if (response.Status == 404)
                throw new DestinationTransientException(
                    $"{client.Name}: job {job.Id} is no longer known to Zendesk (job statuses expire); the batch is sent again", statusCode: 404);
            if (!response.IsSuccess)
                throw new DestinationFatalException($"{client.Name}: {response.Status} reading job {job.Id}: {response.Detail}", response.Status);
            job = ZendeskJobStatus.Read(response.Body)
                  ?? throw DestinationBody.Unreadable(client.Name, response.Status, $"job_status JSON for job {job.Id}", response.Text);
            delay = delay * 2 < longest ? delay * 2 : longest;
        }
        return job;
    }

    private Exception OutLived(ZendeskJobStatus job, TimeSpan bound) => bound < options.JobTimeout
        ? new DestinationFatalException(
            $"{client.Name}: job {job.Id} was still '{job.Status}' after {Seconds(bound)} s, the connection's max_retry_wait; " +
            "its rows are not recorded and are sent next run (raise 'max_retry_wait' if Zendesk's job queue is this slow)")
        : new DestinationTransientException(
            $"{client.Name}: job {job.Id} was still '{job.Status}' after {Seconds(bound)} s; the batch is sent again " +
            "(raise 'job_timeout_seconds', and 'timeout_seconds' above it, if Zendesk's job queue is slow)");

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
