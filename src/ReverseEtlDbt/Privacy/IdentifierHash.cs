using System.Security.Cryptography;
using System.Text;

namespace ReverseEtlDbt.Privacy;

/// <summary>
/// The hash behind <c>hash:</c> columns and ad-platform identifiers: SHA-256 (lower-case hex) of the trimmed,
/// lower-cased value, as ad platforms expect for matching.
/// </summary>
public static class IdentifierHash
{
    public static string Sha256(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value.Trim().ToLowerInvariant())));
}
