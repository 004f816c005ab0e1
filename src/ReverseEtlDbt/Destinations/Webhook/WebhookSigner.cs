using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Destinations.Webhook;

/// <summary>
/// Standard Webhooks v1 signing: HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c> with the
/// base64-decoded bytes after <c>whsec_</c>, sent as <c>v1,&lt;base64&gt;</c>. Signs the exact body bytes sent.
/// </summary>
internal static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }

    public static bool TryDecodeSecret(Secret secret, out byte[] key)
    {
        var text = secret.Reveal();
        if (text.StartsWith(SecretPrefix, StringComparison.Ordinal)) text = text[SecretPrefix.Length..];
        var buffer = new byte[text.Length];
        var ok = Convert.TryFromBase64String(text, buffer, out var written) && written > 0;
        key = ok ? buffer[..written] : [];
        return ok;
    }
}
