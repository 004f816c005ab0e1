using System.Globalization;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.MetaAudiences;

/// <summary>A <c>meta_audiences</c> connection, read once from the connections file.</summary>
public sealed record MetaAudiencesOptions(Secret AccessToken, Uri BaseUrl, string ApiVersion)
{
    public const string DefaultBaseUrl = "https://graph.facebook.com";

    /// <summary>The Graph API version the documentation was checked against (<c>v25.0</c>).</summary>
    public const string DefaultApiVersion = "25.0";

    /// <summary><c>v{api_version}/{audience_id}/users</c>, relative to <see cref="BaseUrl"/>.</summary>
    public Uri UsersUrl(string audienceId) => new(BaseUrl, $"v{ApiVersion}/{Uri.EscapeDataString(audienceId)}/users");

    public static MetaAudiencesOptions From(ConnectionConfig connection)
    {
        var baseUrl = connection.GetString("base_url") is { Length: > 0 } url ? url : DefaultBaseUrl;
        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ConfigException($"connection '{connection.Name}' key 'base_url' must be an http(s) URL, got '{baseUrl}'");
        var version = (connection.GetString("api_version") is { Length: > 0 } v ? v : DefaultApiVersion).Trim().TrimStart('v', 'V');
        if (!decimal.TryParse(version, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
            throw new ConfigException($"connection '{connection.Name}' key 'api_version' must look like '{DefaultApiVersion}', got '{version}'",
                "Use the Graph API version without the path, e.g. api_version: \"25.0\".");
        if (!version.Contains('.', StringComparison.Ordinal)) version += ".0";
        return new MetaAudiencesOptions(connection.RequireSecret("access_token"), uri, version);
    }
}
