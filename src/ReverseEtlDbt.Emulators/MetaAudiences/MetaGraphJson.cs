using System.Text.Json.Nodes;

namespace ReverseEtlDbt.Emulators.MetaAudiences;

/// <summary>Graph API answers: the error envelope and the <c>users</c> session summary.</summary>
internal static class MetaGraphJson
{
    public static JsonObject Error(int code, string message, int? subcode = null, string type = "OAuthException",
        string? userTitle = null, string? userMessage = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code };
        if (subcode is { } s) error["error_subcode"] = s;
        if (userTitle is not null) error["error_user_title"] = userTitle;
        if (userMessage is not null) error["error_user_msg"] = userMessage;
        error["fbtrace_id"] = "A" + Guid.NewGuid().ToString("N")[..10];
        return new JsonObject { ["error"] = error };
    }

    public static JsonObject InvalidParameter(string detail) => Error(100, $"(#100) {detail}");

    public static JsonObject UserRequestLimit() => Error(17, "(#17) User request limit reached", 2446079);

    public static JsonObject AdAccountLimit() =>
        Error(613, "(#613) There have been too many calls from this ad-account. Please wait a bit and try again.", 1487742);

    public static JsonObject Throttled(int code) => code == 613 ? AdAccountLimit()
        : code == 17 ? UserRequestLimit()
        : Error(code, $"(#{code}) Application request limit reached");
}
