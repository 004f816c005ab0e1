using System.Globalization;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Warehouse.Profiles;

/// <summary>Turns one <c>outputs.&lt;target&gt;</c> mapping into a typed <see cref="ProfileTarget"/>, rendering <c>env_var()</c>.</summary>
internal sealed class ProfileTargetParser
{
    public static readonly IReadOnlyList<string> SupportedTypes = ["duckdb", "postgres", "redshift", "snowflake"];

    private readonly YamlMap output;
    private readonly ProfileRequest request;
    private readonly string profileName;
    private readonly string targetName;
    private readonly ProfileKeys keys;

    private ProfileTargetParser(YamlMap output, ProfileRequest request, string profileName, string targetName)
    {
        this.output = output;
        this.request = request;
        this.profileName = profileName;
        this.targetName = targetName;
        keys = new ProfileKeys(output, request, profileName, targetName);
    }

    public static ProfileTarget Parse(YamlMap output, ProfileRequest request, string profileName, string targetName)
    {
        var parser = new ProfileTargetParser(output, request, profileName, targetName);
        return parser.Require("type") switch
        {
            "duckdb" => parser.DuckDb(),
            "postgres" => parser.Postgres(),
            "redshift" => parser.Redshift(),
            "snowflake" => new SnowflakeProfileParser(output, request, profileName, targetName).Parse(),
            var other => throw new ConfigException(
                $"Unsupported adapter type '{other}' in profile '{profileName}', target '{targetName}' ({output.File}). " +
                $"retl supports: {string.Join(", ", SupportedTypes)}"),
        };
    }

    private DuckDbProfileTarget DuckDb()
    {
        var path = Optional("path") ?? DuckDbProfileTarget.InMemory;
        if (path != DuckDbProfileTarget.InMemory && !path.StartsWith("md:", StringComparison.Ordinal))
            path = Path.GetFullPath(path, Path.GetFullPath(request.ProjectDir));
        return new DuckDbProfileTarget
        {
            Path = path,
            Database = Optional("database") ?? DuckDbProfileTarget.DatabaseNameFor(path),
            Schema = Optional("schema") ?? "main",
            Settings = DuckDbSettings(),
        };
    }

    /// <summary>dbt-duckdb's <c>settings:</c> (e.g. <c>memory_limit</c>, <c>threads</c>), applied with SET on every connection.</summary>
    private Dictionary<string, string> DuckDbSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (output.Map("settings") is not { } map) return settings;
        foreach (var key in map.Keys)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(key, "^[A-Za-z_][A-Za-z0-9_]*$"))
                throw new ConfigException($"'{key}' in {map.Where} is not a DuckDB setting name ({map.File})");
            settings[key] = ProfileLoader.Render(map.Scalar(key), request, $"{map.Where}.{key}") ?? "";
        }
        return settings;
    }

    private PostgresProfileTarget Postgres() =>
        new()
        {
            Host = Require("host"),
            Port = Int("port") ?? 5432,
            User = Optional("user") ?? Optional("username") ?? Require("user"),
            Password = new Secret(Optional("password") ?? Optional("pass") ?? ""),
            DbName = Optional("dbname") ?? Optional("database") ?? Require("dbname"),
            Schema = Require("schema"),
            SslMode = Optional("sslmode"),
            ConnectTimeout = Int("connect_timeout") ?? 10,
            SearchPath = Optional("search_path"),
        };

    /// <summary>dbt-redshift's keys; only <c>method: database</c> (user and password): IAM needs an AWS call first.</summary>
    private RedshiftProfileTarget Redshift()
    {
        if (Optional("method") is { } method && method != "database")
            throw new ConfigException(
                $"{Where("method")}: 'method: {method}' is not supported by retl yet",
                "Use 'method: database' with 'user' and 'password' (a database user for retl), or remove 'method'.");
        return new()
        {
            Host = Require("host"),
            Port = Int("port") ?? 5439,
            User = Optional("user") ?? Require("user"),
            Password = new Secret(Optional("password") ?? ""),
            DbName = Optional("dbname") ?? Optional("database") ?? Require("dbname"),
            Schema = Require("schema"),
            SslMode = Optional("sslmode"),
            ConnectTimeout = Int("connect_timeout") ?? 10,
            SearchPath = Optional("search_path"),
        };
    }

    private string? Optional(string key) => keys.Optional(key);
    private string Require(string key) => keys.Require(key);
    private int? Int(string key) => keys.Int(key);
    private string Where(string key) => keys.Where(key);
}
