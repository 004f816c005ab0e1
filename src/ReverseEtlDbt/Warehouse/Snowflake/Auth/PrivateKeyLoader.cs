using System.Security.Cryptography;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse.Profiles;

namespace ReverseEtlDbt.Warehouse.Snowflake.Auth;

/// <summary>
/// Reads dbt-snowflake's private key: a file (<c>private_key_path</c>) or inline text (<c>private_key</c>), each as PEM
/// (PKCS#8, encrypted or not, or PKCS#1) or Base64 DER. Errors name the key's source but never its text or passphrase.
/// </summary>
internal static class PrivateKeyLoader
{
    public static RSA Load(SnowflakeProfileTarget target, SnowflakeCredentials.KeyPair keyPair)
    {
        var source = keyPair.PrivateKeyPath is { } path ? $"private_key_path '{path}'" : "private_key";
        var text = keyPair.PrivateKeyPath is { } file ? ReadFile(target, file) : keyPair.PrivateKey!.Reveal();
        var passphrase = keyPair.Passphrase?.Reveal();
        var rsa = RSA.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
                ImportPem(rsa, text, passphrase, target, source);
            else
                ImportDer(rsa, Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c)))), passphrase);
            return rsa;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            rsa.Dispose();
            throw passphrase is null
                ? Invalid(target, $"{source} is not a readable RSA private key (PKCS#8 PEM or Base64 DER)",
                    "Check the key's text; an encrypted key also needs private_key_passphrase.")
                : Invalid(target, $"private_key_passphrase does not decrypt {source}",
                    "Check the passphrase (and the env var it comes from) and that the key is the one you meant.");
        }
    }

    private static void ImportPem(RSA rsa, string pem, string? passphrase, SnowflakeProfileTarget target, string source)
    {
        if (!pem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            rsa.ImportFromPem(pem);
            return;
        }
        if (passphrase is null)
            throw Invalid(target, $"{source} is encrypted but no private_key_passphrase is set", "Add private_key_passphrase.");
        rsa.ImportFromEncryptedPem(pem, passphrase);
    }

    private static void ImportDer(RSA rsa, byte[] der, string? passphrase)
    {
        if (passphrase is null) rsa.ImportPkcs8PrivateKey(der, out _);
        else rsa.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _);
    }

    private static string ReadFile(SnowflakeProfileTarget target, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(target, $"private_key_path '{path}' cannot be read ({e.GetType().Name})", "Check the path and its permissions.");
        }
    }

    private static ConfigException Invalid(SnowflakeProfileTarget target, string problem, string hint) =>
        new($"Credentials in {target.Origin} invalid: {problem} ({target.ProfilesFile}). {hint}", hint);
}
