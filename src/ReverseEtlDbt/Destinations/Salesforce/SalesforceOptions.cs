using System.Text.RegularExpressions;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Salesforce;

/// <summary>
/// A <c>salesforce</c> connection, read once from the connections file. <see cref="LoginUrl"/> serves the token
/// endpoint; <see cref="InstanceUrl"/>, when null, comes from the token answer's <c>instance_url</c>.
/// </summary>
/// <remarks>
/// <c>base_url</c> (as on every HTTP type) stands in for both <c>login_url</c> and <c>instance_url</c> when those are
/// not given, so one setting points a connection at the local emulator.
/// </remarks>
public sealed partial record SalesforceOptions(
    Uri LoginUrl,
    Uri? InstanceUrl,
    string ClientId,
    Secret? ClientSecret,
    Secret? RefreshToken,
    string ApiVersion,
    int? BulkThreshold)
{
    public const string DefaultLoginUrl = "https://login.salesforce.com";
    public const string DefaultApiVersion = "60.0";

    /// <summary>Records per sObject Collections request.</summary>
    public const int CollectionSize = 200;

    /// <summary>Records per engine batch when <c>bulk_threshold</c> is set (one Bulk API job at most).</summary>
    public const int BulkBatchSize = 10_000;

    /// <summary>Whether a batch of <paramref name="records"/> goes through Bulk API 2.0.</summary>
    public bool UsesBulk(int records) => BulkThreshold is { } threshold && records > threshold;

    public static SalesforceOptions From(ConnectionConfig connection)
    {
        var baseUrl = Url(connection, "base_url");
        var options = new SalesforceOptions(
            Url(connection, "login_url") ?? baseUrl ?? new Uri(DefaultLoginUrl + "/"),
            Url(connection, "instance_url") ?? baseUrl,
            connection.RequireString("client_id"),
            NonEmpty(connection.GetSecret("client_secret")),
            NonEmpty(connection.GetSecret("refresh_token")),
            Version(connection),
            connection.GetInt("bulk_threshold"));
        if (options.RefreshToken is null && options.ClientSecret is null)
            throw new ConfigException(
                $"connection '{connection.Name}' needs 'client_secret' (client credentials flow) or 'refresh_token' (refresh token flow)",
                $"Add 'client_secret: \"{{{{ env_var('SALESFORCE_CLIENT_SECRET') }}}}\"' to connection '{connection.Name}'.");
        if (options.BulkThreshold is <= 0 or >= BulkBatchSize)
            throw new ConfigException(
                $"connection '{connection.Name}' key 'bulk_threshold' must be a whole number from 1 to {BulkBatchSize - 1}, got {options.BulkThreshold}",
                $"Batches of more records than this go through Bulk API 2.0; with it set, batches hold up to {BulkBatchSize} records.");
        return options;
    }

    private static Uri? Url(ConnectionConfig connection, string key)
    {
        if (connection.GetString(key) is not { Length: > 0 } text) return null;
        return Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ConfigException($"connection '{connection.Name}' key '{key}' must be an http(s) URL, got '{text}'");
    }

    private static string Version(ConnectionConfig connection)
    {
        var text = connection.GetString("api_version") is { Length: > 0 } v ? v.TrimStart('v', 'V') : DefaultApiVersion;
        return VersionPattern().IsMatch(text)
            ? text
            : throw new ConfigException(
                $"connection '{connection.Name}' key 'api_version' must look like '{DefaultApiVersion}', got '{text}'",
                "Use the REST API version of your org without the 'v' (sObject Collections upsert needs 46.0 or later).");
    }

    private static Secret? NonEmpty(Secret? secret) => secret is null || secret.Reveal().Length == 0 ? null : secret;

    [GeneratedRegex(@"^\d{2,3}\.0$")]
    private static partial Regex VersionPattern();
}
