using System.Text.RegularExpressions;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// How the Salesforce emulator behaves. Every setting may be changed while the host runs (tests rotate credentials,
/// shrink the allocation or add validation between calls).
/// </summary>
public sealed class SalesforceEmulatorOptions
{
    /// <summary>The connected app's consumer key, required by both grants.</summary>
    public string ClientId { get; set; } = "emulator-client-id";

    /// <summary>The consumer secret: required for client credentials, checked when sent with a refresh token.</summary>
    public string ClientSecret { get; set; } = "emulator-client-secret";

    /// <summary>The refresh token accepted by the <c>refresh_token</c> grant (replaced on each use when <see cref="RotateRefreshTokens"/>).</summary>
    public string RefreshToken { get; set; } = "emulator-refresh-token";

    /// <summary>With rotation, each refresh answers a new refresh token and voids the one used.</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>
    /// A session ends after this long without a call (Salesforce's default: 2 hours; each call resets the timer),
    /// measured on the host's <see cref="TimeProvider"/>. Then every call is 401 <c>INVALID_SESSION_ID</c>.
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Records per sObject Collections request (and ids per delete); more is a 400 <c>EXCEEDED_ID_LIMIT</c>.</summary>
    public int MaxRecords { get; set; } = 200;

    /// <summary>
    /// API calls allowed per rolling 24 h for the org. Over it every call is 403 <c>REQUEST_LIMIT_EXCEEDED</c>;
    /// <c>Sforce-Limit-Info: api-usage=used/allocation</c> is on every answer.
    /// </summary>
    public int DailyApiAllocation { get; set; } = 100_000;

    /// <summary>Sent as <c>Retry-After</c> with <c>REQUEST_LIMIT_EXCEEDED</c>. Salesforce documents none, so none by default.</summary>
    public TimeSpan? LimitRetryAfter { get; set; }

    /// <summary>
    /// Fields per sObject. When an sObject is listed, a record with any other field fails with <c>INVALID_FIELD</c>
    /// (per record); sObjects not listed accept every field.
    /// </summary>
    public IDictionary<string, ISet<string>> KnownFields { get; set; } = new Dictionary<string, ISet<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Validation rules: a non-null value of the field that does not match fails that record with
    /// <c>FIELD_CUSTOM_VALIDATION_EXCEPTION</c>; the other records of the request are saved (<c>allOrNone: false</c>).
    /// </summary>
    public IDictionary<string, Regex> ValuePatterns { get; set; } = new Dictionary<string, Regex>(StringComparer.OrdinalIgnoreCase);

    /// <summary>When set, every Bulk API job ends <c>Failed</c> with this <c>errorMessage</c> and processes no record.</summary>
    public string? BulkJobFailure { get; set; }

    /// <summary>When set, a closed Bulk API job stays <c>InProgress</c> at every status read: a job that never ends.</summary>
    public bool HoldBulkJobs { get; set; }
}
