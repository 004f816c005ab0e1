using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// The <c>zendesk</c> connection type: Zendesk Support users, upserted in bulk jobs by <c>external_id</c> or
/// <c>email</c>; mirror deletes the users the sync wrote.
/// </summary>
/// <remarks>
/// Zendesk limits requests per minute per account by plan: Team 200, Growth and Professional 400, Enterprise 700,
/// Enterprise Plus or the High Volume add-on 2,500. Every batch costs at least two requests (the bulk call and one or
/// more job polls), so we pace batches at half the lowest current plan, 100 per minute. A connection on a larger plan
/// raises it with <c>rate_limit: {requests: 350, per_seconds: 60}</c> (Enterprise, halved the same way).
/// <c>update</c> and <c>insert</c> are not offered: <c>update_many</c> needs Zendesk ids (or sets the same values on
/// every listed user), and <c>create_many</c> has no idempotency key.
/// </remarks>
public sealed class ZendeskDestinationFactory : IDestinationFactory
{
    public string Type => "zendesk";

    public DestinationCapabilities Capabilities { get; } = new()
    {
        Modes = new HashSet<SyncMode> { SyncMode.Upsert, SyncMode.Mirror },
        MaxBatchSize = 100,
        DocumentedRateLimit = new RateLimit(100, TimeSpan.FromSeconds(60)),
        DeletePolicies = new HashSet<DeletePolicy> { DeletePolicy.Delete },
        RequiresMatch = true,
    };

    public IReadOnlySet<string> Keys { get; } = new HashSet<string>
    {
        "subdomain", "base_url", "email", "api_token", "oauth_token", "job_poll_seconds", "job_timeout_seconds",
    };

    public IReadOnlySet<string> SecretKeys { get; } = new HashSet<string> { "api_token", "oauth_token" };

    public IEnumerable<Secret> Secrets(ConnectionConfig connection) => ZendeskOptions.From(connection).Credentials.Secrets;

    /// <summary>None on its own: <c>subdomain</c> or <c>base_url</c>, and <c>email</c> + <c>api_token</c> or <c>oauth_token</c>, are checked when the connection is opened.</summary>
    public IReadOnlySet<string> RequiredKeys { get; } = new HashSet<string>();

    public IDestination Create(ConnectionConfig connection, DestinationContext context) =>
        new ZendeskDestination(connection.Name, ZendeskOptions.From(connection), context);

    public IEnumerable<SyncProblem> Validate(DestinationSync sync)
    {
        if (!string.Equals(sync.Object, ZendeskDestination.UsersObject, StringComparison.Ordinal))
            yield return new SyncProblem("object", $"Zendesk destinations write only 'users', not '{sync.Object}'", "Set `object: users`.");
        if (sync.Match is { } match && !ZendeskDestination.MatchFields.Contains(match.Field))
            yield return new SyncProblem("match", $"Zendesk matches users by external_id or email, not '{match.Field}'",
                "Set `match: {column: <model column>, field: external_id}` (or `field: email`).");
    }

    public IEnumerable<(string Message, string Hint)> ValidateKeys(ConnectionConfig connection)
    {
        if (!connection.Has("subdomain") && !connection.Has("base_url"))
            yield return ("needs 'subdomain' or 'base_url'", "Add `subdomain: yourcompany` (for https://yourcompany.zendesk.com).");
        var oauth = connection.Has("oauth_token");
        var token = connection.Has("email") || connection.Has("api_token");
        if (oauth && token)
            yield return ("has both 'oauth_token' and 'email'/'api_token'", "Keep one way to sign in: `oauth_token`, or `email` + `api_token`.");
        else if (!oauth && !(connection.Has("email") && connection.Has("api_token")))
            yield return ("has no complete credentials", "Add `email:` and `api_token: \"{{ env_var('ZENDESK_API_TOKEN') }}\"`, or `oauth_token:`.");
    }

    /// <summary>A batch waits up to <c>job_timeout_seconds</c> for its job; the request gets 15 s more than that, so the wait ends first.</summary>
    public TimeSpan? DefaultTimeout(ConnectionConfig connection) =>
        (connection.GetDouble("job_timeout_seconds") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : ZendeskOptions.DefaultJobTimeout)
        + TimeSpan.FromSeconds(15);
}
