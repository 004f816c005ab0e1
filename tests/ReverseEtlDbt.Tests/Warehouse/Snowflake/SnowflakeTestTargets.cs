using Microsoft.Extensions.Time.Testing;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Api;
using ReverseEtlDbt.Warehouse.Snowflake.Data;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

/// <summary>Targets and open connections against a <see cref="ScriptedSnowflakeHandler"/>, with no waits.</summary>
internal static class SnowflakeTestTargets
{
    public const string Token = "pat-secret-token-value";

    public static SnowflakeProfileTarget Target(SnowflakeCredentials? credentials = null) => new()
    {
        Account = "abc123.eu-west-1",
        User = "retl",
        Role = "retl_role",
        Database = "analytics",
        Warehouse = "transforming",
        Schema = "marts",
        Credentials = credentials ?? new SnowflakeCredentials.ProgrammaticAccessToken(new Secret(Token)),
        BaseAddress = new Uri("https://abc123.eu-west-1.snowflakecomputing.com"),
        QueryTag = "retl:test",
        ProfileName = "shop",
        TargetName = "prod",
        ProfilesFile = "/home/me/.dbt/profiles.yml",
    };

    public static SnowflakeConnection Open(ScriptedSnowflakeHandler handler, SnowflakeProfileTarget? target = null, TimeProvider? time = null)
    {
        var connection = new SnowflakeConnection(target ?? Target(), handler, time ?? new FakeTimeProvider(), SnowflakeApiOptions.Immediate);
        connection.Open();
        return connection;
    }

    public static SnowflakeCommand Command(SnowflakeConnection connection, string sql, params object?[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in values) command.Parameters.Add(new SnowflakeParameter(value));
        return command;
    }
}
