using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.HubSpot;

/// <summary>A <c>hubspot</c> connection, read once from the connections file.</summary>
public sealed record HubSpotOptions(Secret Token, Uri BaseUrl)
{
    public const string DefaultBaseUrl = "https://api.hubapi.com";

    public static HubSpotOptions From(ConnectionConfig connection)
    {
        var baseUrl = connection.GetString("base_url") is { Length: > 0 } url ? url : DefaultBaseUrl;
        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ConfigException($"connection '{connection.Name}' key 'base_url' must be an http(s) URL, got '{baseUrl}'");
        return new HubSpotOptions(connection.RequireSecret("token"), uri);
    }
}
