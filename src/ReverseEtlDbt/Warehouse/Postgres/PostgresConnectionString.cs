using Npgsql;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse.Postgres;

/// <summary>Builds the Npgsql connection string for a PostgreSQL-protocol target (postgres, redshift; the one place its password is revealed).</summary>
public static class PostgresConnectionString
{
    public static string Build(PostgresProtocolTarget target)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = target.Host,
            Port = target.Port,
            Username = target.User,
            Database = target.DbName,
            Timeout = target.ConnectTimeout,
            ApplicationName = "retl",
        };
        if (target.Password.Reveal() is { Length: > 0 } password) builder.Password = password;
        if (target.SearchPath is { } searchPath) builder.SearchPath = searchPath;
        if (target.SslMode is { } sslMode) builder.SslMode = ParseSslMode(sslMode, target.Type);
        return builder.ConnectionString;
    }

    private static SslMode ParseSslMode(string value, string type) =>
        value.ToLowerInvariant() switch
        {
            "disable" => SslMode.Disable,
            "allow" => SslMode.Allow,
            "prefer" => SslMode.Prefer,
            "require" => SslMode.Require,
            "verify-ca" => SslMode.VerifyCA,
            "verify-full" => SslMode.VerifyFull,
            _ => throw new ConfigException(
                $"Unknown sslmode '{value}' in the {type} profile",
                "Use one of: disable, allow, prefer, require, verify-ca, verify-full."),
        };
}
