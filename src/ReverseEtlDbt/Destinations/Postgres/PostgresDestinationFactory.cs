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

    public IReadOnlySet<string> RequiredKeys { get; } = new HashSet<string>(StringComparer.Ordinal);

    public IDestination Create(ConnectionConfig connection, DestinationContext context) =>
        new PostgresDestination(PostgresDestinationOptions.From(connection));
}
