using System.Globalization;
using System.Text.Json;
using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Auth;
using ReverseEtlDbt.Warehouse.Snowflake.Data;

namespace ReverseEtlDbt.Warehouse.Snowflake.Api;

/// <summary>
/// Runs statements through the SQL API v2: submit, poll while Snowflake answers 202, read the ResultSet, fetch further
/// partitions on demand, and cancel on Snowflake's side when the caller gives up. Not thread-safe, like a connection.
/// </summary>
public sealed class SnowflakeApiClient
{
    private const string Statements = "/api/v2/statements";
    private readonly SnowflakeProfileTarget target;
    private readonly SnowflakeHttp http;
    private readonly TimeProvider time;
    private readonly SnowflakeApiOptions options;

    public SnowflakeApiClient(SnowflakeProfileTarget target, HttpClient http, ISnowflakeTokenSource tokens, TimeProvider time, SnowflakeApiOptions options)
    {
        this.target = target;
        this.http = new SnowflakeHttp(target, http, tokens, time, options);
        this.time = time;
        this.options = options;
    }

    /// <summary>
    /// Submits <paramref name="statement"/> and waits for it to finish. A cancellation posts <c>/cancel</c> before the
    /// <see cref="OperationCanceledException"/>: while polling for the handle Snowflake gave; during the first POST, before
    /// any handle is known, for the handle a resubmission of the same <c>requestId</c> names (see <see cref="CancelSubmittedAsync"/>).
    /// </summary>
    public async Task<SnowflakeResult> ExecuteAsync(SnowflakeStatement statement, string? queryTag, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid().ToString();
        var body = SnowflakeRequestBody.Write(statement, target, queryTag);
        SnowflakeAnswer answer;
        try
        {
            answer = await http.SendAsync(
                HttpMethod.Post, retry => $"{Statements}?requestId={requestId}{(retry ? "&retry=true" : "")}", body, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelSubmittedAsync(requestId, body);
            throw;
        }
        return await FollowAsync(answer, statement, cancellationToken);
    }

    /// <summary>
    /// Best effort, for a POST abandoned in flight: Snowflake may be running the statement with no handle known here. The
    /// same request resubmitted (same <c>requestId</c>, <c>retry=true</c>, <c>async=true</c>) is not executed twice but
    /// answers at once with the statement's handle, which is then cancelled. Had the first POST not arrived, this starts
    /// the statement and cancels it straight away; a cancelled statement commits nothing.
    /// </summary>
    private async Task CancelSubmittedAsync(string requestId, byte[] body)
    {
        using var timeout = new CancellationTokenSource(options.CancelTimeout, time);
        try
        {
            var answer = await http.SendAsync(HttpMethod.Post, _ => $"{Statements}?requestId={requestId}&retry=true&async=true", body, timeout.Token);
            if (answer.Status != 202) return; // finished (200) or failed (422): nothing left to cancel
            using var json = Parse(answer);
            if (SnowflakeResponseReader.String(json.RootElement, "statementHandle") is { } handle) await CancelAsync(handle);
        }
        catch (Exception e) when (e is SnowflakeException or OperationCanceledException or HttpRequestException or IOException or JsonException)
        {
            // The statement will still stop at its timeout.
        }
    }

    /// <summary>Rows of partition <paramref name="partition"/> (from 1; partition 0 came with the result).</summary>
    public async Task<List<string?[]>> FetchPartitionAsync(string statementHandle, int partition, CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(HttpMethod.Get,
            _ => $"{Statements}/{Uri.EscapeDataString(statementHandle)}?partition={partition.ToString(CultureInfo.InvariantCulture)}", null, cancellationToken);
        if (answer.Status != 200) throw SnowflakeErrors.Unexpected(target, answer.Status, answer.Body);
        using var json = JsonDocument.Parse(answer.Body);
        return SnowflakeResponseReader.Rows(json.RootElement);
    }

    private async Task<SnowflakeResult> FollowAsync(SnowflakeAnswer answer, SnowflakeStatement statement, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var delay = options.FirstPollDelay;
        string? handle = null;
        try
        {
            while (true)
            {
                using var json = Parse(answer);
                var root = json.RootElement;
                handle = SnowflakeResponseReader.String(root, "statementHandle") ?? handle;
                switch (answer.Status)
                {
                    case 200:
                        return SnowflakeResponseReader.ResultSet(root);
                    case 408:
                        throw SnowflakeErrors.TimedOut(target, statement.TimeoutSeconds, handle);
                    case 422:
                        throw SnowflakeErrors.Failed(target, SnowflakeResponseReader.String(root, "code"), SnowflakeResponseReader.String(root, "sqlState"),
                            SnowflakeResponseReader.String(root, "message") ?? "(no message)", handle);
                    case 202 when handle is not null:
                        var statusUrl = SnowflakeResponseReader.String(root, "statementStatusUrl") ?? $"{Statements}/{Uri.EscapeDataString(handle)}";
                        await WaitAsync(started, delay, statement, handle, cancellationToken);
                        delay = Next(delay);
                        answer = await http.SendAsync(HttpMethod.Get, _ => statusUrl, null, cancellationToken);
                        break;
                    default:
                        throw SnowflakeErrors.Unexpected(target, answer.Status, answer.Body);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && handle is not null)
        {
            await CancelAsync(handle);
            throw;
        }
    }

    /// <summary>The pause before the next poll; past the statement's timeout (plus grace) polling stops, as Snowflake should have said 408.</summary>
    private async Task WaitAsync(long started, TimeSpan delay, SnowflakeStatement statement, string handle, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(statement.TimeoutSeconds ?? options.DefaultStatementTimeoutSeconds) + options.PollGrace;
        if (time.GetElapsedTime(started) > limit)
        {
            await CancelAsync(handle);
            throw SnowflakeErrors.TimedOut(target, statement.TimeoutSeconds, handle);
        }
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Delay(delay, time, cancellationToken);
    }

    private TimeSpan Next(TimeSpan delay)
    {
        var doubled = delay * 2;
        return doubled < options.MaxPollDelay ? doubled : options.MaxPollDelay;
    }

    /// <summary>Best effort: a failure to cancel must not hide why the caller stopped.</summary>
    private async Task CancelAsync(string handle)
    {
        using var timeout = new CancellationTokenSource(options.CancelTimeout, time);
        try
        {
            await http.SendAsync(HttpMethod.Post, _ => $"{Statements}/{Uri.EscapeDataString(handle)}/cancel", "{}"u8.ToArray(), timeout.Token);
        }
        catch (Exception e) when (e is SnowflakeException or OperationCanceledException or HttpRequestException or IOException)
        {
            // The statement will still stop at its timeout.
        }
    }

    private JsonDocument Parse(SnowflakeAnswer answer)
    {
        try
        {
            return JsonDocument.Parse(answer.Body.Length == 0 ? "{}" : answer.Body);
        }
        catch (JsonException)
        {
            throw SnowflakeErrors.Unexpected(target, answer.Status, answer.Body);
        }
    }
}
