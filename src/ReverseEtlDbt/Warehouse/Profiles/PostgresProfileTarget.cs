using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>A <c>type: postgres</c> target, with dbt-postgres's keys and defaults.</summary>
public sealed record PostgresProfileTarget : ProfileTarget
{
    public override string Type => "postgres";

    public required string Host { get; init; }
    public int Port { get; init; } = 5432;
    public required string User { get; init; }
    /// <summary>Empty when the profile gives none (trust or .pgpass authentication).</summary>
    public Secret Password { get; init; } = new("");
    public required string DbName { get; init; }
    /// <summary>libpq <c>sslmode</c> (<c>disable</c>, <c>prefer</c>, <c>require</c>, …); null leaves Npgsql's default.</summary>
    public string? SslMode { get; init; }
    /// <summary>Seconds; dbt-postgres's default is 10.</summary>
    public int ConnectTimeout { get; init; } = 10;
    /// <summary>dbt-postgres's optional <c>search_path</c>; null leaves the server's default.</summary>
    public string? SearchPath { get; init; }
}
