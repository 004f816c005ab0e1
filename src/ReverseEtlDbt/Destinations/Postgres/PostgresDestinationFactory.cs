using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Postgres;

/// <summary>An operational PostgreSQL table: upsert on the match key, delete for mirror, one transaction per batch.</summary>
public sealed class PostgresDestinationFactory : IDestinationFactory
{
    public string Type => "postgres";

    public DestinationCapabilities Capabilities { get; } = new()
    {
        Modes = new HashSet<SyncMode> { SyncMode.Upsert, SyncMode.Update, SyncMode.Insert, SyncMode.Mirror },
        MaxBatchSize = 1000,
        // A database has no documented request limit; this only keeps one sync from monopolising the server.
        DocumentedRateLimit = new RateLimit(50, TimeSpan.FromSeconds(1)),
        DeletePolicies = new HashSet<DeletePolicy> { DeletePolicy.Delete },
        RequiresMatch = true,
    };

    public IReadOnlySet<string> Keys { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "host", "port", "user", "password", "dbname", "sslmode", "dsn", "batch_size" };

    public IReadOnlySet<string> SecretKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "password", "dsn" };

    /// <summary><c>password</c> and <c>dsn</c>, and the password inside a <c>dsn</c>, which a message could quote alone.</summary>
    public IEnumerable<Secret> Secrets(ConnectionConfig connection)
    {
        if (connection.GetSecret("password") is { } password) yield return password;
        if (connection.GetSecret("dsn") is not { } dsn) yield break;
        yield return dsn;
        if (new Npgsql.NpgsqlConnectionStringBuilder(dsn.Reveal()).Password is { Length: > 0 } inDsn) yield return new Secret(inDsn);
    }

    public IReadOnlySet<string> RequiredKeys { get; } = new HashSet<string>(StringComparer.Ordinal);

    public IDestination Create(ConnectionConfig connection, DestinationContext context) =>
        new PostgresDestination(PostgresDestinationOptions.From(connection));
}
