using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Emulators.HubSpot;

/// <summary>
/// How the HubSpot CRM v3 emulator behaves. Every setting may be changed while the host runs (tests flip
/// <see cref="TokenExpired"/> or tighten the rate limit between calls).
/// </summary>
public sealed class HubSpotEmulatorOptions
{
    /// <summary>The token accepted as <c>Authorization: Bearer …</c>.</summary>
    public string ValidToken { get; set; } = "emulator-token";

    /// <summary>When set, even the valid token is refused with 401 <c>EXPIRED_AUTHENTICATION</c>.</summary>
    public bool TokenExpired { get; set; }

    /// <summary>Requests allowed per <see cref="RateLimitWindow"/> (HubSpot Free/Starter: 100 per 10 s).</summary>
    public int RateLimitRequests { get; set; } = 100;

    /// <summary>
    /// The account's daily allowance (Free/Starter: 250,000), sent as <c>X-HubSpot-RateLimit-Daily</c> and
    /// <c>-Daily-Remaining</c>; once used up every call is a 429 with <c>policyName: DAILY</c> until midnight (UTC here;
    /// HubSpot uses the account's time zone). Null: no daily limit and no daily headers.
    /// </summary>
    public int? DailyLimit { get; set; }

    /// <summary>The burst window, sent as <c>X-HubSpot-RateLimit-Interval-Milliseconds</c>.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMilliseconds(10_000);

    /// <summary>
    /// Whether 429s carry <c>Retry-After</c> (seconds until the window resets). HubSpot does not document one,
    /// so the default is off and clients must fall back to the interval header.
    /// </summary>
    public bool SendRetryAfter { get; set; }

    /// <summary>Inputs allowed per batch request; more is a 400 <c>VALIDATION_ERROR</c>.</summary>
    public int MaxBatchInputs { get; set; } = 100;

    /// <summary>Properties a client may not write; sending one fails the whole batch with 400.</summary>
    public ISet<string> ReadOnlyProperties { get; set; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "hs_object_id", "createdate", "lastmodifieddate" };

    /// <summary>
    /// Known properties per object type. When an object type is listed, any other property fails the whole
    /// batch with 400 <c>PROPERTY_DOESNT_EXIST</c>; object types not listed accept every property.
    /// </summary>
    public IDictionary<string, ISet<string>> KnownProperties { get; set; } =
        new Dictionary<string, ISet<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Per-record validation: a non-empty value of the property that does not match its pattern is invalid
    /// (e.g. <c>email</c> → <c>@</c>). Invalid records are reported in a 207 (see <see cref="InvalidValuesFailWholeBatch"/>).
    /// </summary>
    public IDictionary<string, Regex> ValuePatterns { get; set; } =
        new Dictionary<string, Regex>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When set, one invalid record fails the whole batch with 400 instead of a 207 with per-input errors.
    /// Batch create without <c>objectWriteTraceId</c> on every input always fails whole, as HubSpot documents.
    /// </summary>
    public bool InvalidValuesFailWholeBatch { get; set; }
}
