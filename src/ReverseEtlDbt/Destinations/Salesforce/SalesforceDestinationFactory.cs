using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// The <c>salesforce</c> connection type: sObject Collections (upsert by external id, update, delete) with OAuth 2.0
/// (refresh token or client credentials).
/// </summary>
/// <remarks>
/// Salesforce limits API calls per org over a rolling 24 h by edition and licences (Enterprise: 100,000 plus 1,000 per
/// licence, a secondary source); we declare 100,000 per 24 h, and a connection sets its own with <c>rate_limit</c>.
/// Collections take 200 records per request. Mirror deletes (Salesforce has no archive; deleted records sit in the
/// Recycle Bin for 15 days).
/// </remarks>
public sealed class SalesforceDestinationFactory : IDestinationFactory
{
    public string Type => "salesforce";

    public DestinationCapabilities Capabilities { get; } = new()
    {
        Modes = new HashSet<SyncMode> { SyncMode.Upsert, SyncMode.Update, SyncMode.Insert, SyncMode.Mirror },
        MaxBatchSize = 200,
        DocumentedRateLimit = new RateLimit(100_000, TimeSpan.FromHours(24)),
        DeletePolicies = new HashSet<DeletePolicy> { DeletePolicy.Delete },
        RequiresMatch = true,
    };

    public IReadOnlySet<string> Keys { get; } = new HashSet<string>
    {
        "instance_url", "login_url", "client_id", "client_secret", "refresh_token", "api_version", "bulk_threshold", "base_url",
    };

    public IReadOnlySet<string> SecretKeys { get; } = new HashSet<string> { "client_secret", "refresh_token" };

    public IReadOnlySet<string> RequiredKeys { get; } = new HashSet<string> { "client_id" };

    /// <summary>200 (the Collections limit), or <see cref="SalesforceOptions.BulkBatchSize"/> when <c>bulk_threshold</c> is set.</summary>
    public int BatchSizeFor(ConnectionConfig connection) =>
        connection.GetInt("bulk_threshold") is null ? SalesforceOptions.CollectionSize : SalesforceOptions.BulkBatchSize;

    public IDestination Create(ConnectionConfig connection, DestinationContext context) =>
        new SalesforceDestination(connection.Name, SalesforceOptions.From(connection), context);

    public IEnumerable<SyncProblem> Validate(DestinationSync sync)
    {
        if (!IsApiName(sync.Object))
            yield return new SyncProblem("object", $"object '{sync.Object}' is not a Salesforce sObject API name",
                "Use the sObject's API name, e.g. `object: Contact` or `object: Health_Score__c`.");
        if (sync.Match is { } match && !IsApiName(match.Field))
            yield return new SyncProblem("match", $"match field '{match.Field}' is not a Salesforce field API name",
                "Match on an External ID field by its API name, e.g. `field: Warehouse_Id__c`.");
    }

    /// <summary>Salesforce API names: a letter, then letters, digits and single underscores (custom ones end in <c>__c</c>).</summary>
    private static bool IsApiName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public IEnumerable<(string Message, string Hint)> ValidateKeys(ConnectionConfig connection)
    {
        if (!connection.Has("client_secret") && !connection.Has("refresh_token"))
            yield return ("needs 'client_secret' (client credentials flow) or 'refresh_token' (refresh token flow)",
                "Add `client_secret: \"{{ env_var('SALESFORCE_CLIENT_SECRET') }}\"`.");
    }

    /// <summary>With <c>bulk_threshold</c> one batch may wait for a Bulk API job, which takes minutes: 10 minutes, not 60 s.</summary>
    public TimeSpan? DefaultTimeout(ConnectionConfig connection) =>
        connection.Has("bulk_threshold") ? TimeSpan.FromMinutes(10) : null;
}
