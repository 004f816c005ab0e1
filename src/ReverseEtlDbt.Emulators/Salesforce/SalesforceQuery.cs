using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// The one SOQL shape a sync needs, finding record ids by external id:
/// <c>SELECT Id, Field FROM SObject WHERE Field IN ('a', 'b')</c>. Anything else is 400 <c>MALFORMED_QUERY</c>.
/// </summary>
internal static partial class SalesforceQuery
{
    public static SalesforceAnswer Run(SalesforceStore store, string? soql)
    {
        var match = IdLookup().Match(soql ?? "");
        if (!match.Success || !match.Groups["field"].Value.Equals(match.Groups["where"].Value, StringComparison.OrdinalIgnoreCase))
            return new SalesforceAnswer(400, SalesforceErrors.Rest("MALFORMED_QUERY",
                "The emulator understands only: SELECT Id, Field FROM SObject WHERE Field IN ('value', ...)"), 0, null);
        var sObject = match.Groups["object"].Value;
        var field = match.Groups["field"].Value;
        var values = Literal().Matches(match.Groups["values"].Value).Select(m => Unescape(m.Groups[1].Value)).ToList();
        lock (store.Gate)
        {
            var records = values.SelectMany(v => store.Find(sObject, field, v)).DistinctBy(r => r.Id)
                .Select(r => (JsonNode)new JsonObject
                {
                    ["attributes"] = new JsonObject { ["type"] = r.SObject, ["url"] = $"/services/data/v60.0/sobjects/{r.SObject}/{r.Id}" },
                    ["Id"] = r.Id,
                    [field] = r[field],
                }).ToArray();
            return new SalesforceAnswer(200, new JsonObject { ["totalSize"] = records.Length, ["done"] = true, ["records"] = new JsonArray(records) },
                records.Length, sObject);
        }
    }

    private static string Unescape(string literal) => Regex.Replace(literal, @"\\(.)", "$1");

    [GeneratedRegex(@"^\s*SELECT\s+Id\s*,\s*(?<field>\w+)\s+FROM\s+(?<object>\w+)\s+WHERE\s+(?<where>\w+)\s+IN\s*\((?<values>.*)\)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex IdLookup();

    [GeneratedRegex(@"'((?:[^'\\]|\\.)*)'")]
    private static partial Regex Literal();
}
