using System.Text.RegularExpressions;
using ReverseEtlDbt.Destinations.Http;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// Finds record ids by external id value with one SOQL query, for update mode rows whose id this sync has not
/// stored yet (update must never create, so it cannot go through upsert).
/// </summary>
internal static partial class SalesforceIdLookup
{
    /// <returns>Record id by external id value (case-insensitive, as external ids are by default), or the reason the query was refused.</returns>
    public static async Task<(IReadOnlyDictionary<string, string> Ids, string? Refused)> FindAsync(
        SalesforceApi api, string sObject, string field, IEnumerable<string> values, CancellationToken cancellationToken)
    {
        if (!Identifier().IsMatch(sObject) || !Identifier().IsMatch(field))
            return (Empty, $"'{sObject}.{field}' is not a valid sObject and field API name");
        var soql = $"SELECT Id, {field} FROM {sObject} WHERE {field} IN ({string.Join(",", values.Distinct().Select(Quote))})";
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? path = "query?q=" + Uri.EscapeDataString(soql);
        while (path is not null)
        {
            var answer = await api.SendAsync(HttpMethod.Get, path, null, cancellationToken);
            if (!answer.IsSuccess) return (Empty, "looking up record ids failed: " + api.Scrub(SalesforceJson.DescribeErrors(answer.Body)));
            foreach (var record in SalesforceJson.Items(answer.Body, "records"))
                if (DestinationJson.Text(record, "Id") is { } id && DestinationJson.Text(record, field) is { } value) ids.TryAdd(value, id);
            path = DestinationJson.Text(answer.Body, "nextRecordsUrl") is { } next && next.IndexOf("/query/", StringComparison.Ordinal) is var at and >= 0
                ? next[(at + 1)..]
                : null;
        }
        return (ids, null);
    }

    /// <summary>A SOQL string literal: backslash and quote escaped.</summary>
    private static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
