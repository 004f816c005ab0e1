namespace ReverseEtlDbt.Emulators.MetaAudiences;

/// <summary>
/// How the Meta Custom Audiences emulator behaves. Every setting may be changed while the host runs (tests flip
/// <see cref="TokenExpired"/> or block an audience between calls).
/// </summary>
public sealed class MetaAudiencesEmulatorOptions
{
    /// <summary>The token accepted as the <c>access_token</c> parameter.</summary>
    public string ValidToken { get; set; } = "emulator-token";

    /// <summary>When set, even the valid token is refused with code 190, subcode 463 (session expired).</summary>
    public bool TokenExpired { get; set; }

    /// <summary>Rows allowed per request (Meta: 10,000); more fails the call with code 100.</summary>
    public int MaxRowsPerRequest { get; set; } = 10_000;

    /// <summary>Calls per hour before code 17 throttling (custom_audience BUC, Standard tier: 190,000 + 40 × audiences).</summary>
    public int HourlyCallLimit { get; set; } = 190_040;

    /// <summary>The ad account the usage header is keyed by.</summary>
    public string AdAccountId { get; set; } = "act_1000000000";

    /// <summary>
    /// HTTP status of throttling answers. Meta does not document it (clients must read <c>error.code</c>), so the
    /// emulator answers 400 by default, which a client dispatching on status would get wrong.
    /// </summary>
    public int ThrottleStatus { get; set; } = 400;

    /// <summary>Invalid rows named in <c>invalid_entry_samples</c> per answer (Meta's cap is not documented).</summary>
    public int InvalidSampleLimit { get; set; } = 10;

    /// <summary>When not empty, only these audience ids exist; others answer code 100 subcode 33. Empty: any numeric id exists.</summary>
    public ISet<string> Audiences { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Audiences whose uploads Meta blocked (<c>operation_status</c> 471): writes fail with code 100, subcode 1713230.</summary>
    public ISet<string> BlockedAudiences { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Identifier values (as sent, hashed or not) Meta counts as invalid entries, named in <c>invalid_entry_samples</c>
    /// like malformed ones: for tests of an entry Meta refuses although retl formed it correctly.
    /// </summary>
    public ISet<string> InvalidValues { get; set; } = new HashSet<string>(StringComparer.Ordinal);
}
