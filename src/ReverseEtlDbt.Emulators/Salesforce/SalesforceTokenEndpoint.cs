using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ReverseEtlDbt.Emulators.Salesforce;

/// <summary>
/// <c>POST /services/oauth2/token</c> (form): <c>client_credentials</c> needs the client id and secret;
/// <c>refresh_token</c> needs the client id and refresh token (and a matching secret when one is sent). Answers the
/// documented token shape with <c>instance_url</c> = this host; a refusal is 400 <c>{"error", "error_description"}</c>.
/// </summary>
internal static class SalesforceTokenEndpoint
{
    public static async Task<(int Status, JsonObject Body)> AnswerAsync(HttpContext http, SalesforceEmulator emulator)
    {
        if (!http.Request.HasFormContentType) return Refuse("invalid_request", "must use Content-Type: application/x-www-form-urlencoded");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var options = emulator.Options;
        var grant = form["grant_type"].ToString();
        var secret = form["client_secret"].ToString();
        if (form["client_id"] != options.ClientId) return Refuse("invalid_client_id", "client identifier invalid");
        switch (grant)
        {
            case "client_credentials" when secret != options.ClientSecret:
                return Refuse("invalid_client", "invalid client credentials");
            case "refresh_token" when secret.Length > 0 && secret != options.ClientSecret:
                return Refuse("invalid_client", "invalid client credentials");
            case "refresh_token" when form["refresh_token"] != options.RefreshToken:
                return Refuse("invalid_grant", "expired access/refresh token");
            case "client_credentials" or "refresh_token":
                break;
            default:
                return Refuse("unsupported_grant_type", "grant type not supported");
        }

        var now = emulator.Time.GetUtcNow();
        var instance = $"{http.Request.Scheme}://{http.Request.Host}";
        var body = new JsonObject
        {
            ["access_token"] = emulator.Sessions.Issue(),
            ["instance_url"] = instance,
            ["id"] = $"{instance}/id/00DEMULATOR000000AAA/005EMULATOR000000AAA",
            ["token_type"] = "Bearer",
            ["issued_at"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["signature"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
        };
        if (grant == "refresh_token" && options.RotateRefreshTokens)
            body["refresh_token"] = options.RefreshToken = "5Aep" + Guid.NewGuid().ToString("N");
        return (200, body);
    }

    private static (int, JsonObject) Refuse(string error, string description) =>
        (400, new JsonObject { ["error"] = error, ["error_description"] = description });
}
