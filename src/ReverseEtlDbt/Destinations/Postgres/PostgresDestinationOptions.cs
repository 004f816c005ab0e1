using Npgsql;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Postgres;

/// <summary>Connection keys of a <c>postgres</c> destination: <c>dsn</c>, or host/port/user/password/dbname/sslmode.</summary>
public sealed record PostgresDestinationOptions(Secret ConnectionString, int BatchSize, string Where)
{
    /// <summary>Rows above which a batch is loaded with binary COPY into a temp table instead of array parameters.</summary>
    public const int CopyThreshold = 200;

    public static PostgresDestinationOptions From(ConnectionConfig c)
    {
        var builder = c.GetSecret("dsn") is { } dsn ? new NpgsqlConnectionStringBuilder(dsn.Reveal()) : new NpgsqlConnectionStringBuilder
        {
            Host = c.GetString("host") ?? "127.0.0.1",
            Port = c.GetInt("port") ?? 5432,
            Username = c.GetString("user"),
            Password = c.GetSecret("password")?.Reveal(),
            Database = c.GetString("dbname"),
        };
        if (c.GetString("sslmode") is { } ssl)
            builder.SslMode = Enum.TryParse<SslMode>(ssl.Replace("-", ""), ignoreCase: true, out var mode)
                ? mode
                : throw new ConfigException($"connection '{c.Name}' key 'sslmode' is '{ssl}', which is not one of disable, allow, prefer, require, verify-ca, verify-full");
        builder.ApplicationName ??= "retl";
        // The DETAIL ("Failing row contains (…)", "Key (email)=(…) already exists") says which value was refused; the
        // engine masks the row's PII values in it (ScrubbingDestination), so it is safe to ask for.
        builder.IncludeErrorDetail = true;
        return new PostgresDestinationOptions(new Secret(builder.ConnectionString), c.GetInt("batch_size") ?? 1000,
            $"{builder.Host}:{builder.Port}/{builder.Database}");
    }
}
