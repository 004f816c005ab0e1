using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReverseEtlDbt.Emulators.Webhook;

/// <summary>
/// Standard Webhooks v1 verification, written from the spec rather than taken from the library the client could
/// also use, so the two check each other: HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> with the base64-decoded
/// <c>whsec_</c> key, every <c>v1,</c> entry tried in constant time, unknown versions ignored, timestamp within tolerance.
/// </summary>
internal static class WebhookSignatureVerifier
{
    private const string SecretPrefix = "whsec_";

    /// <summary><c>null</c> when the delivery is authentic; otherwise why it is not.</summary>
    public static string? Verify(
        string secret, string? id, string? timestamp, string? signatures, byte[] body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return "webhook-timestamp is not whole Unix seconds";
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (sentAt < now - tolerance) return "webhook-timestamp is too old";
        if (sentAt > now + tolerance) return "webhook-timestamp is too new";

        var expected = Sign(Key(secret), id, timestamp, body);
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || entry[..comma] != "v1") continue;
            if (TryDecode(entry[(comma + 1)..]) is { } given && CryptographicOperations.FixedTimeEquals(given, expected))
                return null;
        }
        return "no webhook-signature entry matches";
    }

    private static byte[] Key(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    private static byte[] Sign(byte[] key, string id, string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        byte[] message = [.. prefix, .. body];
        return HMACSHA256.HashData(key, message);
    }

    private static byte[]? TryDecode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }
}
