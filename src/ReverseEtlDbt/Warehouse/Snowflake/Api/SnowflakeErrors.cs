using System.Text.RegularExpressions;
using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Data;

namespace ReverseEtlDbt.Warehouse.Snowflake.Api;

/// <summary>
/// Turns Snowflake's failures into errors a person can act on, as dbt-snowflake's connections.py does: what is wrong,
/// for which profile and target, and the statement that fixes it (resume a warehouse, a GRANT). Snowflake's own
/// message and the statement handle always follow, so nothing is hidden.
/// </summary>
internal static partial class SnowflakeErrors
{
    public static SnowflakeException Failed(SnowflakeProfileTarget target, string? code, string? sqlState, string message, string? handle)
    {
        var role = target.Role is { } r ? SnowflakeRequestBody.FoldName(r) : "(the user's default role)";
        var explained = code switch
        {
            "000606" => $"warehouse '{Name(target.Warehouse)}' is suspended or not usable by role {role}: " +
                        $"resume it (ALTER WAREHOUSE {Name(target.Warehouse)} RESUME) or grant USAGE on it to the role, or set 'warehouse:' in the profile",
            "003001" => InsufficientPrivileges(message, role),
            "002003" => $"{ObjectName(message) ?? "an object the statement names"} does not exist, or role {role} is not authorized to see it: " +
                        "check the name (unquoted names are upper case in Snowflake) and that the role has USAGE on its database and schema and a privilege on it",
            _ => "the statement failed",
        };
        return new SnowflakeException(
            $"Snowflake error {code} ({sqlState}) in {target.Origin}: {explained}. Snowflake said: {message.Trim()} (statement {handle})",
            code, sqlState, handle, message);
    }

    public static SnowflakeException TimedOut(SnowflakeProfileTarget target, int? timeoutSeconds, string? handle) =>
        new($"A statement in {target.Origin} exceeded its timeout of {timeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "STATEMENT_TIMEOUT_IN_SECONDS"} seconds " +
            $"and Snowflake canceled it (statement {handle}). Use a larger warehouse, or raise the statement timeout.",
            code: null, statementHandle: handle);

    public static SnowflakeException Refused(SnowflakeProfileTarget target, string tokenType, string whatToCheck, int status) =>
        new($"Snowflake refused the {Describe(tokenType)} for user '{target.User ?? "(from the token)"}' ({target.Origin}, {target.ProfilesFile}) " +
            $"with HTTP {status} twice: {whatToCheck}.");

    public static SnowflakeException Unexpected(SnowflakeProfileTarget target, int status, string body) =>
        new($"The Snowflake SQL API at {target.BaseAddress} ({target.Origin}) answered HTTP {status}: " +
            $"{(body.Length > 300 ? body[..300] + "…" : body)}");

    private static string Describe(string tokenType) =>
        tokenType switch
        {
            "KEYPAIR_JWT" => "key-pair JWT",
            "OAUTH" => "OAuth token",
            _ => "programmatic access token",
        };

    private static string InsufficientPrivileges(string message, string role)
    {
        var match = PrivilegeTarget().Match(message);
        if (!match.Success)
            return $"role {role} lacks a privilege the statement needs: GRANT it to the role (SHOW GRANTS TO ROLE {role} lists what it has)";
        var (kind, name) = (match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value);
        var grant = kind switch
        {
            "SCHEMA" => $"GRANT USAGE, CREATE TABLE ON SCHEMA {name} TO ROLE {role}",
            "DATABASE" => $"GRANT USAGE ON DATABASE {name} TO ROLE {role}",
            "WAREHOUSE" => $"GRANT USAGE ON WAREHOUSE {name} TO ROLE {role}",
            "TABLE" or "VIEW" => $"GRANT SELECT ON {kind} {name} TO ROLE {role} (and INSERT, UPDATE, DELETE on retl's state tables)",
            _ => $"GRANT the needed privilege ON {kind} {name} TO ROLE {role}",
        };
        return $"role {role} lacks a privilege on {kind.ToLowerInvariant()} '{name}': {grant}";
    }

    private static string Name(string? name) => name is null ? "(the user's default)" : SnowflakeRequestBody.FoldName(name);

    private static string? ObjectName(string message) => QuotedObject().Match(message) is { Success: true } m ? $"object '{m.Groups[1].Value}'" : null;

    [GeneratedRegex(@"operate on (\w+) '([^']+)'", RegexOptions.IgnoreCase)]
    private static partial Regex PrivilegeTarget();

    [GeneratedRegex(@"'([^']+)' does not exist", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedObject();
}
