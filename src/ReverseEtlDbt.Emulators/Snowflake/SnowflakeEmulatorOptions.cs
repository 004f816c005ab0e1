namespace ReverseEtlDbt.Emulators.Snowflake;

/// <summary>
/// How the Snowflake SQL API v2 emulator behaves. Settings may change while the host runs; a statement takes the
/// polling, duration and partition settings in force when it was submitted.
/// </summary>
public sealed class SnowflakeEmulatorOptions
{
    private readonly Lock gate = new();
    private readonly HashSet<(string Role, string Schema)> denied = [];

    /// <summary>Account identifier, upper case, as in the JWT's <c>iss</c> and <c>sub</c> (<c>ACCOUNT.USER</c>).</summary>
    public string Account { get; set; } = "EMULATOR";

    /// <summary>The user the JWT is issued for, upper case.</summary>
    public string User { get; set; } = "RETL";

    /// <summary>
    /// The user's registered RSA public key (PEM, SubjectPublicKeyInfo). When set, KEYPAIR_JWT bearers are verified
    /// (RS256 signature, <c>iss</c> with the key's SHA-256 fingerprint, <c>sub</c>, <c>exp</c> ≤ one hour after
    /// <c>iat</c> and in the future); when <c>null</c>, any KEYPAIR_JWT bearer is accepted.
    /// </summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>The bearer accepted with token type <c>OAUTH</c>.</summary>
    public string OAuthToken { get; set; } = "emulator-snowflake-oauth";

    /// <summary>The bearer accepted with token type <c>PROGRAMMATIC_ACCESS_TOKEN</c>.</summary>
    public string ProgrammaticAccessToken { get; set; } = "emulator-snowflake-pat";

    /// <summary>Databases that exist from the start, each with a PUBLIC schema (more with <c>CREATE DATABASE</c>).</summary>
    public IList<string> Databases { get; set; } = ["ANALYTICS"];

    /// <summary>
    /// DuckDB files whose tables are copied into the account when the host starts (see
    /// <see cref="SnowflakeEmulator.LoadDuckDb"/>): <c>retl_example.duckdb</c>'s <c>main.customer_health</c> becomes
    /// <c>RETL_EXAMPLE.MAIN.CUSTOMER_HEALTH</c>, the relation the example's manifest names on Snowflake.
    /// </summary>
    public IList<string> DuckDbFiles { get; set; } = [];

    /// <summary>The user's DEFAULT_NAMESPACE and DEFAULT_WAREHOUSE / DEFAULT_ROLE, used when a request omits them.</summary>
    public string? DefaultDatabase { get; set; } = "ANALYTICS";
    public string DefaultSchema { get; set; } = "PUBLIC";
    public string DefaultWarehouse { get; set; } = "EMULATOR_WH";
    public string DefaultRole { get; set; } = "RETL_ROLE";

    /// <summary>Rows per result partition; Snowflake picks its own sizes, tests set 2 or 3 to exercise paging.</summary>
    public int PartitionSize { get; set; } = 1000;

    /// <summary>
    /// Status polls answered 202 before a statement's result: with 2, the POST answers 202 and so do the first two
    /// GETs; the third GET runs the statement and answers. 0 answers at once (unless <c>async=true</c>, which always
    /// answers 202 first).
    /// </summary>
    public int PendingPolls { get; set; }

    /// <summary>
    /// How long a statement (the request's SQL text) pretends to run, on the host's clock: beyond
    /// <see cref="SynchronousWait"/> the POST answers 202 and GETs answer 202 until the clock has passed it; beyond
    /// the request's <c>timeout</c> the statement is canceled with 408. Nothing sleeps: tests advance a fake clock.
    /// </summary>
    public Func<string, TimeSpan> StatementDuration { get; set; } = _ => TimeSpan.Zero;

    /// <summary>How long a synchronous POST waits before answering 202 (Snowflake: 45 s).</summary>
    public TimeSpan SynchronousWait { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Warehouses that are suspended: statements run with one fail with 000606 (no active warehouse).</summary>
    public ISet<string> SuspendedWarehouses { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Takes <paramref name="role"/>'s privileges on <paramref name="schema"/> away: naming it fails with 003001.</summary>
    public void DenySchema(string role, string schema)
    {
        lock (gate) denied.Add((role, schema));
    }

    internal bool IsDenied(string role, string schema)
    {
        lock (gate) return denied.Contains((role, schema));
    }
}
