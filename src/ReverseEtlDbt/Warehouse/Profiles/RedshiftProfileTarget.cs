using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>A <c>type: redshift</c> target with dbt-redshift's keys (<c>method: database</c>, user and password).</summary>
public sealed record RedshiftProfileTarget : ProfileTarget
{
    public override string Type => "redshift";

    public required string Host { get; init; }
    /// <summary>dbt-redshift's default is 5439.</summary>
    public int Port { get; init; } = 5439;
    public required string User { get; init; }
    public Secret Password { get; init; } = new("");
    public required string DbName { get; init; }
    /// <summary>libpq <c>sslmode</c>; null leaves Npgsql's default.</summary>
    public string? SslMode { get; init; }
    /// <summary>Seconds.</summary>
    public int ConnectTimeout { get; init; } = 10;
    /// <summary>Optional <c>search_path</c> for the session.</summary>
    public string? SearchPath { get; init; }

    /// <summary>The same connection keys as a PostgreSQL target: Redshift speaks its protocol.</summary>
    internal PostgresProfileTarget AsPostgres() => new()
    {
        Host = Host, Port = Port, User = User, Password = Password, DbName = DbName, Schema = Schema,
        SslMode = SslMode, ConnectTimeout = ConnectTimeout, SearchPath = SearchPath,
    };
}
