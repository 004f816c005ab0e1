using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using ReverseEtlDbt.Definitions;
using ReverseEtlDbt.Warehouse.Profiles;
using ReverseEtlDbt.Warehouse.Snowflake.Auth;
using Xunit;

namespace ReverseEtlDbt.Tests.Warehouse.Snowflake;

public sealed class KeyPairJwtTests : IDisposable
{
    private const string Passphrase = "correct horse battery";
    private readonly RSA rsa = RSA.Create(2048);
    private readonly string keyFile = Path.Combine(Path.GetTempPath(), $"retl-key-{Guid.NewGuid():N}.p8");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero));

    public KeyPairJwtTests() =>
        File.WriteAllText(keyFile, rsa.ExportEncryptedPkcs8PrivateKeyPem(Passphrase,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));

    public void Dispose()
    {
        rsa.Dispose();
        File.Delete(keyFile);
    }

    private KeyPairJwtSource Source(SnowflakeCredentials.KeyPair keyPair) =>
        new(SnowflakeTestTargets.Target(keyPair) with { Account = "abc123.eu-west-1", User = "retl_user" }, keyPair, time);

    private KeyPairJwtSource FromFile(string passphrase = Passphrase) => Source(new(keyFile, null, new Secret(passphrase)));

    private string ExpectedFingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));

    [Fact]
    public async Task Claims_name_the_upper_case_account_without_region_the_user_and_the_key_fingerprint()
    {
        var source = FromFile();

        var jwt = new JsonWebToken(await source.GetTokenAsync(CancellationToken.None));

        Assert.Equal("KEYPAIR_JWT", source.TokenType);
        Assert.Equal($"ABC123.RETL_USER.{ExpectedFingerprint}", jwt.Issuer);
        Assert.Equal("ABC123.RETL_USER", jwt.Subject);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(time.GetUtcNow().UtcDateTime, jwt.IssuedAt);
        Assert.Equal(time.GetUtcNow().AddMinutes(59).UtcDateTime, jwt.ValidTo);
        var signed = Encoding.ASCII.GetBytes($"{jwt.EncodedHeader}.{jwt.EncodedPayload}");
        Assert.True(rsa.VerifyData(signed, Base64UrlDecode(jwt.EncodedSignature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task The_token_is_reused_until_five_minutes_before_expiry_and_after_Invalidate_is_new()
    {
        var source = FromFile();
        var first = await source.GetTokenAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(53));
        Assert.Equal(first, await source.GetTokenAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(1));
        var renewed = await source.GetTokenAsync(CancellationToken.None);
        Assert.NotEqual(first, renewed);

        time.Advance(TimeSpan.FromSeconds(1));
        source.Invalidate();
        Assert.NotEqual(renewed, await source.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_source_of_the_same_key_still_signs_after_the_first_is_disposed()
    {
        // Concurrent syncs open one connection each; the first to finish disposes its key while others go on signing.
        var first = FromFile();
        await first.GetTokenAsync(CancellationToken.None);
        first.Dispose();

        var second = FromFile();
        var jwt = new JsonWebToken(await second.GetTokenAsync(CancellationToken.None));

        var signed = Encoding.ASCII.GetBytes($"{jwt.EncodedHeader}.{jwt.EncodedPayload}");
        Assert.True(rsa.VerifyData(signed, Base64UrlDecode(jwt.EncodedSignature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task An_inline_Base64_DER_key_signs_too()
    {
        var source = Source(new(null, new Secret(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())), null));

        Assert.Equal("ABC123.RETL_USER", new JsonWebToken(await source.GetTokenAsync(CancellationToken.None)).Subject);
        Assert.Equal(ExpectedFingerprint, source.Fingerprint);
    }

    [Fact]
    public async Task A_wrong_passphrase_names_the_profile_and_key_file_but_never_the_secrets()
    {
        var error = await Assert.ThrowsAsync<ConfigException>(async () => await FromFile("wrong-passphrase-text").GetTokenAsync(CancellationToken.None));

        Assert.Contains($"Credentials in profile 'shop', target 'prod' invalid: private_key_passphrase does not decrypt private_key_path '{keyFile}'", error.Message);
        Assert.DoesNotContain("wrong-passphrase-text", error.Message);
        Assert.DoesNotContain(Passphrase, error.Message);
        Assert.DoesNotContain("BEGIN", error.Message);
    }

    [Fact]
    public async Task Unreadable_inline_key_text_is_not_echoed()
    {
        var error = await Assert.ThrowsAsync<ConfigException>(async () =>
            await Source(new(null, new Secret("not-a-key-at-all"), null)).GetTokenAsync(CancellationToken.None));

        Assert.Contains("private_key is not a readable RSA private key", error.Message);
        Assert.DoesNotContain("not-a-key-at-all", error.Message);
    }

    private static byte[] Base64UrlDecode(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
}
