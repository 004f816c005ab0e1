using System.Globalization;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Destinations;
using ReverseEtlDbt.Destinations.Zendesk;
using ReverseEtlDbt.Emulators;

namespace ReverseEtlDbt.Tests.Destinations.Zendesk;

/// <summary>Users synced by external id or email, and a Zendesk destination pointed at an emulator.</summary>
internal static class ZendeskBatches
{
    public const string Email = "sync-agent@example.com";
    public const string ApiToken = "zd-api-token-3f9c1a7e5b2d4c68";
    public const string OAuthToken = "zd-oauth-token-8d1e6b0a9c4f2e17";

    public static EmulatorOptions Options() => new() { Zendesk = { Email = Email, ApiToken = ApiToken, OAuthToken = OAuthToken } };

    /// <summary>API-token auth by default; polls every 10 ms so jobs finish fast on the real clock.</summary>
    public static IDestination Destination(EmulatorHost host, string? apiToken = ApiToken, string? oauthToken = null,
        TimeProvider? time = null, double pollSeconds = 0.01, double jobTimeoutSeconds = 10, TimeSpan? maxWait = null)
    {
        var values = new Dictionary<string, object?>
        {
            ["base_url"] = host.BaseUrl.ToString(),
            ["job_poll_seconds"] = pollSeconds.ToString(CultureInfo.InvariantCulture),
            ["job_timeout_seconds"] = jobTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (oauthToken is not null) values["oauth_token"] = oauthToken;
        else
        {
            values["email"] = Email;
            values["api_token"] = apiToken;
        }
        return DestinationBatches.Create(new ZendeskDestinationFactory(), DestinationBatches.Connection("support", "zendesk", values), time, maxWait);
    }

    public static DestinationSync Users(string matchField = "external_id", SyncMode mode = SyncMode.Upsert, string @object = "users") =>
        DestinationBatches.Customers("customers__support__users", "support", @object, mode,
            new MatchSpec(matchField == "email" ? "email" : "customer_id", matchField));

    /// <summary>Customer <paramref name="n"/>: external id <c>c-n</c>, email <c>user-n@example.com</c>, name and a custom field.</summary>
    public static RecordChange Row(int n, string? email = null, string? destinationId = null, string matchField = "external_id")
    {
        var mail = email ?? $"user{n}@example.com";
        return DestinationBatches.Row(n,
            matchField == "email" ? mail : $"c-{n}",
            new Dictionary<string, object?> { ["name"] = $"User {n}", ["email"] = mail, ["user_fields.health_score"] = n % 100 },
            destinationId);
    }

    public static DestinationBatch Batch(WriteOperation operation, IEnumerable<RecordChange> rows, DestinationSync? sync = null) =>
        DestinationBatches.Batch(sync ?? Users(), operation, rows);
}
