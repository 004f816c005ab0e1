using System.Net.Http.Headers;
using System.Text;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Privacy;

namespace ReverseEtlDbt.Destinations.Zendesk;

/// <summary>
/// How requests authenticate: an API token (<c>Basic base64("{email}/token:{api_token}")</c>) or an OAuth access
/// token (<c>Bearer</c>). The secret leaves this type only in the <c>Authorization</c> header and is masked in any
/// text passed through <see cref="Scrub"/>.
/// </summary>
public sealed class ZendeskCredentials
{
    private readonly string scheme;
    private readonly Secret parameter;
    private readonly Secret[] secrets;

    private ZendeskCredentials(string scheme, Secret parameter, params Secret[] secrets)
    {
        this.scheme = scheme;
        this.parameter = parameter;
        this.secrets = secrets;
    }

    /// <summary>"API token" or "OAuth token", for messages.</summary>
    public string Kind => scheme == "Bearer" ? "OAuth token" : "API token";

    public static ZendeskCredentials ApiToken(string email, Secret apiToken)
    {
        var basic = new Secret(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}/token:{apiToken.Reveal()}")));
        return new ZendeskCredentials("Basic", basic, apiToken, basic);
    }

    public static ZendeskCredentials OAuth(Secret token) => new("Bearer", token, token);

    public AuthenticationHeaderValue Header() => new(scheme, parameter.Reveal());

    /// <summary>Every form of the secret: the token, and for an API token the base64 of the Basic header it goes in.</summary>
    public IReadOnlyList<Secret> Secrets => secrets;

    /// <summary><paramref name="text"/> with every form of the secret replaced by <see cref="Secret.Mask"/>.</summary>
    public string Scrub(string text) => Scrubber.ForSecrets(secrets).Scrub(text);

    public override string ToString() => $"{Kind} {Secret.Mask}";
}
