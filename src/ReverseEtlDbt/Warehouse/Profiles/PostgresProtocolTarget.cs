using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>A target reached over the PostgreSQL protocol (PostgreSQL, Redshift): the keys dbt's adapters share.</summary>
public abstract record PostgresProtocolTarget : ProfileTarget
{
    public required string Host { get; init; }
    /// <summary>PostgreSQL's 5432 unless the adapter's default differs (Redshift: 5439).</summary>
    public int Port { get; init; } = 5432;
    public required string User { get; init; }
    /// <summary>Empty when the profile gives none (trust or .pgpass authentication).</summary>
    public Secret Password { get; init; } = new("");
    public required string DbName { get; init; }
    /// <summary>libpq <c>sslmode</c> (<c>disable</c>, <c>prefer</c>, <c>require</c>, …); null leaves Npgsql's default.</summary>
    public string? SslMode { get; init; }
    /// <summary>Seconds; the dbt adapters' default is 10.</summary>
    public int ConnectTimeout { get; init; } = 10;
    /// <summary>The optional <c>search_path</c> of the session; null leaves the server's default.</summary>
    public string? SearchPath { get; init; }
}
