using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReverseEtlDbt.Emulators.Faults;

namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// The HTTP face of <see cref="SnowflakeEmulator"/>: submit, status/result (with <c>?partition=n</c>) and cancel.
/// Per request: injected latency, drop or body; auth (401); an injected status (429 and 503 without a body, with
/// <c>Retry-After</c> when configured; 401 with Snowflake's invalid-token body); then the call.
/// </summary>
internal static class SnowflakeEndpoints
{
    private const string Statements = "/api/v2/statements";

    public static void MapSnowflake(this IEndpointRouteBuilder routes, SnowflakeEmulator emulator)
    {
        routes.MapPost(Statements, (HttpContext http) => HandleAsync(http, emulator, SubmitAsync));
        routes.MapGet(Statements + "/{handle}", (HttpContext http, string handle) => HandleAsync(http, emulator, (h, e) => StatusAsync(h, e, handle)));
        routes.MapPost(Statements + "/{handle}/cancel", (HttpContext http, string handle) => HandleAsync(http, emulator, (h, e) => CancelAsync(h, e, handle)));
    }

    private static async Task HandleAsync(HttpContext http, SnowflakeEmulator emulator, Func<HttpContext, SnowflakeEmulator, Task<Answer>> call)
    {
        var answer = new Answer(0);
        try
        {
            answer = await PreludeAsync(http, emulator) ?? await call(http, emulator);
        }
        finally
        {
            emulator.Record(new SnowflakeRequest(emulator.Time.GetUtcNow(), http.Request.Method, http.Request.Path + http.Request.QueryString, answer.Status,
                answer.Handle, http.Request.Query["requestId"].FirstOrDefault()));
        }
    }

    private static async Task<Answer?> PreludeAsync(HttpContext http, SnowflakeEmulator emulator)
    {
        var fault = await emulator.Faults.BeforeAnswerAsync(http, emulator.Time);
        if (fault.Answered) return new Answer(fault.Status);
        if (SnowflakeAuthenticator.Check(http.Request, emulator.Options, emulator.Time.GetUtcNow()) is { } denied)
            return new Answer(await WriteAsync(http, 401, denied));
        if (fault.Kind != FaultKind.Status) return null;
        if (fault.Status is 429 or 503) emulator.Faults.WriteRetryAfter(http.Response);
        if (fault.Status == 401) return new Answer(await WriteAsync(http, 401, SnowflakeJson.Error("390144", "JWT token is invalid.")));
        http.Response.StatusCode = fault.Status;
        return new Answer(fault.Status);
    }

    private static async Task<Answer> SubmitAsync(HttpContext http, SnowflakeEmulator emulator)
    {
        using var reader = new StreamReader(http.Request.Body);
        var (submission, problem) = SnowflakeSubmission.Parse(await reader.ReadToEndAsync(http.RequestAborted), emulator.Options);
        if (submission is null) return new Answer(await WriteAsync(http, 400, SnowflakeJson.Error("390142", problem!)));
        var requestId = http.Request.Query["requestId"].FirstOrDefault();
        var async = string.Equals(http.Request.Query["async"], "true", StringComparison.OrdinalIgnoreCase);
        var statement = emulator.Submit(submission, requestId, async);
        return await AnswerAsync(http, statement, null);
    }

    private static async Task<Answer> StatusAsync(HttpContext http, SnowflakeEmulator emulator, string handle)
    {
        var statement = emulator.Poll(handle);
        if (statement is null) return new Answer(await WriteAsync(http, 404, SnowflakeJson.Error("000709", $"Statement {handle} not found.")));
        var partition = http.Request.Query["partition"].FirstOrDefault() is { } p && int.TryParse(p, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return await AnswerAsync(http, statement, partition);
    }

    private static async Task<Answer> CancelAsync(HttpContext http, SnowflakeEmulator emulator, string handle)
    {
        var statement = emulator.Cancel(handle);
        if (statement is null) return new Answer(await WriteAsync(http, 404, SnowflakeJson.Error("000709", $"Statement {handle} not found.")));
        return new Answer(await WriteAsync(http, 200, SnowflakeJson.Canceled(statement)), statement.Handle);
    }

    /// <summary>The statement's current answer; <paramref name="partition"/> ≥ 1 asks for a further partition's rows only.</summary>
    private static async Task<Answer> AnswerAsync(HttpContext http, SnowflakeStatement statement, int? partition)
    {
        SnowflakeStatementState state;
        SnowflakeResult? result;
        SnowflakeError? error;
        lock (statement.Gate) (state, result, error) = (statement.State, statement.Result, statement.Error);
        var (status, body) = state switch
        {
            SnowflakeStatementState.Pending => (202, SnowflakeJson.InProgress(statement)),
            SnowflakeStatementState.TimedOut => (408, SnowflakeJson.TimedOut(statement, error!)),
            SnowflakeStatementState.Failed or SnowflakeStatementState.Canceled => (422, SnowflakeJson.Failure(statement, error!)),
            _ when partition is > 0 && partition >= result!.Partitions.Count =>
                (400, SnowflakeJson.Error("000605", $"Partition {partition} is out of range: the result has {result.Partitions.Count}.")),
            _ when partition is > 0 => (200, SnowflakeJson.Partition(result!.Partitions[partition.Value])),
            _ => (200, SnowflakeJson.ResultSet(statement, result!)),
        };
        var gzip = partition is > 0 && status == 200 && http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        return new Answer(await WriteAsync(http, status, body, gzip), statement.Handle);
    }

    private static async Task<int> WriteAsync(HttpContext http, int status, JsonObject body, bool gzip = false)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var bytes = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
        if (gzip)
        {
            http.Response.Headers.ContentEncoding = "gzip";
            using var compressed = new MemoryStream();
            await using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) await zip.WriteAsync(bytes, http.RequestAborted);
            bytes = compressed.ToArray();
        }
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        return status;
    }

    /// <summary>How a call was answered, for the request log.</summary>
    private readonly record struct Answer(int Status, string? Handle = null);
}
