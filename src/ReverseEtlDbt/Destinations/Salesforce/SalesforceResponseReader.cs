using System.Text.Json;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// Reads an sObject Collections answer, one result per record in request order
/// (<c>{"id", "success", "errors": [{"statusCode", "message", "fields"}], "created"?}</c>), into per-row outcomes.
/// </summary>
internal static class SalesforceResponseReader
{
    /// <summary>Rolled back because another record failed: the record itself was fine, so it is re-sent next run.</summary>
    private const string RolledBack = "ALL_OR_NONE_OPERATION_ROLLED_BACK";

    /// <summary>A record that is already gone is what a delete wanted.</summary>
    private const string AlreadyDeleted = "ENTITY_IS_DELETED";

    /// <summary>Whether a success body has the documented shape: an array of result objects.</summary>
    public static bool IsCollectionAnswer(JsonElement body) =>
        body.ValueKind == JsonValueKind.Array && body.EnumerateArray().All(r => r.ValueKind == JsonValueKind.Object);

    public static IReadOnlyList<RowOutcome> Read(JsonElement results, IReadOnlyList<RecordChange> rows, bool deleting, Func<string, string> scrub)
    {
        var answers = results.ValueKind == JsonValueKind.Array ? results.EnumerateArray().ToList() : [];
        return rows.Select((row, i) => i < answers.Count
                ? Outcome(answers[i], row, deleting, scrub)
                : new RowOutcome(row.PrimaryKey, RowStatus.Failed, null, "Salesforce's answer had no result for this record"))
            .ToList();
    }

    private static RowOutcome Outcome(JsonElement result, RecordChange row, bool deleting, Func<string, string> scrub)
    {
        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True)
            return RowOutcome.Ok(row.PrimaryKey, deleting ? null : DestinationJson.Text(result, "id") ?? row.DestinationId);
        var errors = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("errors", out var e) ? e : default;
        var codes = errors.ValueKind == JsonValueKind.Array
            ? errors.EnumerateArray().Select(x => DestinationJson.Text(x, "statusCode") ?? DestinationJson.Text(x, "errorCode")).ToHashSet()
            : [];
        var reason = scrub(SalesforceJson.DescribeErrors(errors));
        if (deleting && codes.Contains(AlreadyDeleted)) return RowOutcome.Ok(row.PrimaryKey);
        if (codes.Count > 0 && codes.All(c => c == RolledBack)) return new RowOutcome(row.PrimaryKey, RowStatus.Failed, null, reason);
        return RowOutcome.Rejected(row.PrimaryKey, reason);
    }
}
