using System.IO.Compression;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Auth;
using ReverseEtlDbt.Warehouse.Snowflake.Data;

namespace ReverseEtlDbt.Warehouse.Snowflake.Api;

/// <summary>
/// Sends one SQL API call with its headers, retrying what Snowflake says is transient (429, 500, 502, 503, 504, a
/// dropped connection) with exponential backoff (Polly v8), and renewing the token once after a 401/403. A resent
/// submission keeps its <c>requestId</c> and adds <c>retry=true</c> (the caller's URI factory sees which attempt it
/// is), so Snowflake can tell a resubmission from a new statement and never run it twice.
/// </summary>
internal sealed class SnowflakeHttp
{
    private static readonly string UserAgent = $"retl/{typeof(SnowflakeHttp).Assembly.GetName().Version?.ToString(3) ?? "0"}";
    private readonly SnowflakeProfileTarget target;
    private readonly HttpClient http;
    private readonly ISnowflakeTokenSource tokens;
    private readonly ResiliencePipeline pipeline;
    private readonly int maxRetries;

    public SnowflakeHttp(SnowflakeProfileTarget target, HttpClient http, ISnowflakeTokenSource tokens, TimeProvider time, SnowflakeApiOptions options)
    {
        this.target = target;
        this.http = http;
        this.tokens = tokens;
        maxRetries = options.MaxRetries ?? Math.Max(target.ConnectRetries, 3);
        var maxDelay = options.RetryMaxDelay ?? TimeSpan.FromSeconds(Math.Max(1, target.ConnectTimeout));
        pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SnowflakeTransientException>(),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Randomizer = options.Randomizer ?? Random.Shared.NextDouble,
                Delay = options.RetryBaseDelay,
                MaxDelay = maxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is SnowflakeTransientException { RetryAfter: { } after } ? (after < maxDelay ? after : maxDelay) : (TimeSpan?)null),
            })
            .Build();
    }

    public string TokenType => tokens.TokenType;

    /// <summary>Sends until Snowflake gives an answer that is not transient; 401/403 twice throws a refusal naming the user.</summary>
    public async Task<SnowflakeAnswer> SendAsync(HttpMethod method, Func<bool, string> pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        var attempts = 0;
        for (var refreshed = false; ; refreshed = true)
        {
            SnowflakeAnswer answer;
            try
            {
                answer = await pipeline.ExecuteAsync(
                    async token => await SendOnceAsync(method, pathAndQuery(attempts++ > 0), body, token), cancellationToken);
            }
            catch (SnowflakeTransientException e)
            {
                throw new SnowflakeException(
                    $"The Snowflake SQL API at {target.BaseAddress} ({target.Origin}) still failed after {maxRetries} retries: {e.Message}. " +
                    "Snowflake may be degraded or throttling this account; try again later.", e);
            }
            if (answer.Status is not (401 or 403)) return answer;
            if (refreshed) throw SnowflakeErrors.Refused(target, tokens.TokenType, tokens.WhatToCheck, answer.Status);
            tokens.Invalidate();
        }
    }

    private async Task<SnowflakeAnswer> SendOnceAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(target.BaseAddress, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        request.Headers.TryAddWithoutValidation("X-Snowflake-Authorization-Token-Type", tokens.TokenType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is 429 or 500 or 502 or 503 or 504)
                throw new SnowflakeTransientException($"HTTP {status} from {method} {request.RequestUri!.AbsolutePath}", response.Headers.RetryAfter?.Delta);
            return new SnowflakeAnswer(status, await ReadBodyAsync(response, cancellationToken));
        }
        catch (HttpRequestException e)
        {
            throw new SnowflakeTransientException($"no answer ({e.HttpRequestError})", null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SnowflakeTransientException("the HTTP request timed out", null, e);
        }
    }

    /// <summary>The body as text, un-gzipping it when the handler did not (a caller's own handler may not decompress).</summary>
    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var gzipped = response.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase);
        await using var decoded = gzipped ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}

/// <summary>An answer that is not transient: its HTTP status and body.</summary>
internal sealed record SnowflakeAnswer(int Status, string Body);

/// <summary>An answer worth resending (429, 5xx, no answer); only ever seen by the retry pipeline.</summary>
internal sealed class SnowflakeTransientException(string message, TimeSpan? retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
