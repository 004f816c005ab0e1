namespace ReverseEtlDbt.Emulators.Zendesk;

/// <summary>
/// How the Zendesk Support users emulator behaves. Every setting may be changed while the host runs (tests tighten
/// the rate limit, hold jobs in <c>working</c> or turn bulk import off between calls).
/// </summary>
public sealed class ZendeskEmulatorOptions
{
    /// <summary>The agent email of API-token auth: <c>Basic base64("{email}/token:{api_token}")</c>.</summary>
    public string Email { get; set; } = "agent@example.com";

    /// <summary>The API token accepted with <see cref="Email"/>.</summary>
    public string ApiToken { get; set; } = "emulator-zendesk-token";

    /// <summary>The OAuth access token accepted as <c>Bearer</c>.</summary>
    public string OAuthToken { get; set; } = "emulator-zendesk-oauth";

    /// <summary>Requests per minute per account (Zendesk Team plan: 200); every call counts, job polls included.</summary>
    public int RateLimitPerMinute { get; set; } = 200;

    /// <summary>Users accepted per <c>create_or_update_many</c> and ids per <c>destroy_many</c>; more is a 400.</summary>
    public int MaxUsersPerRequest { get; set; } = 100;

    /// <summary>Jobs queued or working at once; a new bulk call beyond it is a 429 (Zendesk's "job limit").</summary>
    public int MaxActiveJobs { get; set; } = 30;

    /// <summary>
    /// Polls of a job's status before it completes: the first poll sees <c>working</c>, the poll after
    /// <see cref="PollsToComplete"/> − 1 more sees <c>completed</c> (the create answer itself says <c>queued</c>).
    /// </summary>
    public int PollsToComplete { get; set; } = 2;

    /// <summary>When set, jobs stay <c>working</c> however often they are polled (a stuck queue).</summary>
    public bool HoldJobs { get; set; }

    /// <summary>How long a job status can be read after it was created (Zendesk: one day); later it is a 404.</summary>
    public TimeSpan JobLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>When off, bulk calls are refused with 403 as on accounts where Zendesk has not enabled bulk import.</summary>
    public bool BulkImportEnabled { get; set; } = true;
}
