using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>
/// The two bulk users calls: each checks what Zendesk checks up front (bulk import enabled, at most 100 items, the
/// job cap) and answers 200 with a <c>queued</c> job status; the work itself happens when a poll completes the job.
/// </summary>
internal static class ZendeskBulkCalls
{
    public static async Task<Answer> CreateOrUpdateManyAsync(HttpContext http, ZendeskEmulator emulator)
    {
        if (!emulator.Options.BulkImportEnabled) return await BulkImportDisabledAsync(http);
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            return new Answer(await ZendeskEndpoints.WriteAsync(http, 400, ZendeskJson.Error("InvalidJSON", e.Message)));
        }
        if (body?["users"] is not JsonArray users || users.Any(u => u is not JsonObject))
            return new Answer(await ZendeskEndpoints.WriteAsync(http, 400,
                ZendeskJson.Error("InvalidEndpoint", "Expected a body of the form {\"users\": [{...}, ...]}")));
        var items = users.Select(u => (JsonObject)u!.DeepClone()).ToList();
        if (await TooManyAsync(http, emulator, "users", items.Count) is { } refused) return refused;
        return await QueueAsync(http, emulator, "Bulk Create or Update Users", items.Count, () => emulator.Processor.CreateOrUpdate(items));
    }

    public static async Task<Answer> DestroyManyAsync(HttpContext http, ZendeskEmulator emulator)
    {
        if (!emulator.Options.BulkImportEnabled) return await BulkImportDisabledAsync(http);
        var external = http.Request.Query.ContainsKey("external_ids");
        var ids = http.Request.Query[external ? "external_ids" : "ids"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
            return new Answer(await ZendeskEndpoints.WriteAsync(http, 400,
                ZendeskJson.Error("InvalidEndpoint", "Pass the users to delete as ?ids=1,2,3 or ?external_ids=a,b,c")));
        if (await TooManyAsync(http, emulator, external ? "external_ids" : "ids", ids.Length) is { } refused) return refused;
        return await QueueAsync(http, emulator, "Bulk Delete Users", ids.Length, () => emulator.Processor.Destroy(ids, external));
    }

    private static async Task<Answer?> TooManyAsync(HttpContext http, ZendeskEmulator emulator, string field, int count)
    {
        var max = emulator.Options.MaxUsersPerRequest;
        if (count <= max) return null;
        var description = $"Too many {field}: {count.ToString(CultureInfo.InvariantCulture)} given, at most {max.ToString(CultureInfo.InvariantCulture)} per request";
        return new Answer(await ZendeskEndpoints.WriteAsync(http, 422, ZendeskJson.RecordInvalid(field, "TooMany", description)), count);
    }

    private static async Task<Answer> QueueAsync(HttpContext http, ZendeskEmulator emulator, string jobType, int total, Func<JsonArray> work)
    {
        var job = emulator.Jobs.Queue(jobType, total, work, ZendeskEndpoints.BaseUrl(http.Request));
        if (job is null)
        {
            http.Response.Headers.RetryAfter = "10";
            return new Answer(await ZendeskEndpoints.WriteAsync(http, 429, ZendeskJson.Error("TooManyJobs",
                $"At most {emulator.Options.MaxActiveJobs.ToString(CultureInfo.InvariantCulture)} jobs may be queued or running at once")), total);
        }
        return new Answer(await ZendeskEndpoints.WriteAsync(http, 200, ZendeskJson.JobStatus(job)), total, job["status"]?.ToString());
    }

    private static async Task<Answer> BulkImportDisabledAsync(HttpContext http) =>
        new(await ZendeskEndpoints.WriteAsync(http, 403, ZendeskJson.Error("Forbidden",
            "Bulk user import is not enabled for this account; ask Zendesk Customer Support to enable it")));
}
