using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>Bulk API 2.0 ingest routes, behind the same session, allocation and fault checks as every REST call.</summary>
internal static class SalesforceBulkEndpoints
{
    public static void MapSalesforceBulk(this IEndpointRouteBuilder routes, SalesforceEmulator emulator, string data)
    {
        var jobs = data + "/jobs/ingest";
        routes.MapPost(jobs, (HttpContext http, string version) =>
            SalesforceEndpoints.HandleAsync(http, emulator, "bulk_create", SalesforceEndpoints.JsonBodyAsync, body => emulator.Bulk.Create(body, version)));
        routes.MapPut(jobs + "/{jobId}/batches", (HttpContext http, string jobId) =>
            SalesforceEndpoints.HandleAsync(http, emulator, "bulk_upload", SalesforceEndpoints.TextBodyAsync, csv => emulator.Bulk.Upload(jobId, csv)));
        routes.MapMethods(jobs + "/{jobId}", ["PATCH"], (HttpContext http, string version, string jobId) =>
            SalesforceEndpoints.HandleAsync(http, emulator, "bulk_state", SalesforceEndpoints.JsonBodyAsync, body => emulator.Bulk.SetState(jobId, body, version)));
        routes.MapGet(jobs + "/{jobId}", (HttpContext http, string version, string jobId) =>
            SalesforceEndpoints.HandleAsync(http, emulator, "bulk_status", SalesforceEndpoints.NoBodyAsync, _ => emulator.Bulk.Status(jobId, version)));
        // Three literal routes: the slim host has no regex route constraint.
        foreach (var kind in new[] { "successfulResults", "failedResults", "unprocessedrecords" })
            routes.MapGet(jobs + "/{jobId}/" + kind, (HttpContext http, string jobId) =>
                SalesforceEndpoints.HandleAsync(http, emulator, "bulk_results", SalesforceEndpoints.NoBodyAsync, _ => emulator.Bulk.Results(jobId, kind)));
    }
}
