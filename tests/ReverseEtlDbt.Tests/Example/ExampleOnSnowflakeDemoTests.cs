using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ReverseEtlDbt.Emulators;
using ReverseEtlDbt.Tests.Support;
using Xunit;

namespace ReverseEtlDbt.Tests.Example;

/// <summary>
/// What <c>dbt_example/demo.sh --target snowflake</c> does, in-process: the example's DuckDB build loaded into the
/// Snowflake emulator (<see cref="Emulators.Snowflake.SnowflakeEmulator.LoadDuckDb"/>, as <c>--snowflake-load</c>),
/// the committed <c>snowflake</c> output of profiles.yml with an encrypted PKCS#8 key whose public key the emulator
/// verifies JWTs against (<c>--snowflake-public-key</c>), syncs run concurrently, each on its own connection.
/// </summary>
public sealed class ExampleOnSnowflakeDemoTests
{
    private static readonly string[] Syncs = ["--sync", "*__hubspot__*", "--sync", "*__webhook__*"];

    [Fact]
    public async Task The_snowflake_output_syncs_every_row_then_only_the_changed_one_then_nothing_with_a_verified_key_pair()
    {
        using var rsa = RSA.Create(2048);
        const string passphrase = "demo-passphrase";
        var options = new EmulatorOptions();
        options.Snowflake.PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem();
        await using var harness = await SyncHarness.StartAsync(options);
        var loaded = harness.Emulator.Snowflake.LoadDuckDb(Path.Combine(harness.ProjectDir, "retl_example.duckdb"));
        Assert.Contains("RETL_EXAMPLE.MAIN.CUSTOMER_HEALTH", loaded);

        var key = Path.Combine(harness.ProjectDir, "rsa_key.p8");
        File.WriteAllText(key, rsa.ExportEncryptedPkcs8PrivateKeyPem(passphrase,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
        // The committed output, its env vars renamed (unset: their defaults) and the defaults pointed at this run.
        var profiles = Path.Combine(harness.ProjectDir, "profiles.yml");
        File.WriteAllText(profiles, File.ReadAllText(profiles)
            .Replace("'RETL_SNOWFLAKE_", "'" + harness.EnvName("SNOWFLAKE_"), StringComparison.Ordinal)
            .Replace("'rsa_key.p8'", $"'{key}'", StringComparison.Ordinal)
            .Replace("PRIVATE_KEY_PASSPHRASE', ''", $"PRIVATE_KEY_PASSPHRASE', '{passphrase}'", StringComparison.Ordinal)
            .Replace("SNOWFLAKE_PORT', '4010'", $"SNOWFLAKE_PORT', '{harness.Emulator.BaseUrl.Port}'", StringComparison.Ordinal));

        var first = await harness.RunAsync(["sync", "--target", "snowflake", .. Syncs]);
        Assert.True(first.ExitCode == 0, first.Output);
        var contacts = Counts(harness, "customer_health__hubspot__contacts");
        Assert.Equal(50, contacts["added"]!.GetValue<long>());

        await harness.Emulator.Snowflake.ExecuteAsync(
            "UPDATE RETL_EXAMPLE.MAIN.CUSTOMER_HEALTH SET FIRST_NAME = 'Mike' WHERE CUSTOMER_ID = 1", "RETL_EXAMPLE", "MAIN");
        var second = await harness.RunAsync(["sync", "-t", "snowflake", .. Syncs]);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(1, Counts(harness, "customer_health__hubspot__contacts")["changed"]!.GetValue<long>());
        Assert.Equal(0, Counts(harness, "customer_health__hubspot__contacts")["added"]!.GetValue<long>());

        var third = await harness.RunAsync(["sync", "-t", "snowflake", .. Syncs]);
        Assert.True(third.ExitCode == 0, third.Output);
        foreach (var result in harness.SyncResults()["results"]!.AsArray())
            Assert.Equal(0, result!["counts"]!["changed"]!.GetValue<long>() + result["counts"]!["added"]!.GetValue<long>());
        // The syncs' statements carry their query tag (the ledger's setup, before any sync, runs untagged).
        Assert.Contains(harness.Emulator.Snowflake.History, q => q.QueryTag == "retl:customer_health__hubspot__contacts");
    }

    private static JsonNode Counts(SyncHarness harness, string syncId) => harness.SyncResult(syncId)["counts"]!;
}
